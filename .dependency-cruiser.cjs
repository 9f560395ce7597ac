/* global module -- dependency-cruiser reads a CommonJS config; the repository is ESM, so eslint assumes no `module`. */
// The import rules of the house (README "Architecture"), checked by `npm run lint`.
// Rooms: cms, search-sync and api. schemas/ holds every contract more than one room needs, so a room
// points only at itself and at schemas/. harness/, scripts/ and test/ are tools over the whole house,
// and no room imports them.
const FEATURES = '(calendar|petitions|report|matching|search|search-gaps|notifications|workbench|graphiql)';
const FOUNDATION = '(auth|clock|db|errors|graphql|http|rate-limit)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle means two modules cannot be understood, tested or moved apart.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'rooms-meet-in-schemas',
      comment: 'A room (cms, search-sync, api) imports another room only through the contracts in schemas/.',
      severity: 'error',
      from: { path: '^(cms|search-sync|api)/' },
      to: { path: '^(cms|search-sync|api|harness|test|scripts)/', pathNot: ['^$1/'] },
    },
    {
      name: 'schemas-is-the-floor',
      comment: 'schemas/ is what the rooms share; it imports none of them.',
      severity: 'error',
      from: { path: '^schemas/' },
      to: { path: '^(cms|search-sync|api|harness)/' },
    },
    {
      name: 'api-foundation-below-features',
      comment:
        'Inside api, the foundation (auth, clock, db, errors, graphql, http, rate-limit) never imports a feature folder; ' +
        'features register their context members by declaration merging. graphql/generated/ is generated from the SDL and maps its types to the features.',
      severity: 'error',
      from: { path: `^api/src/${FOUNDATION}/`, pathNot: '^api/src/graphql/generated/' },
      to: { path: `^api/src/${FEATURES}/` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|build|\\.strapi|\\.cache)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'],
    },
  },
};
