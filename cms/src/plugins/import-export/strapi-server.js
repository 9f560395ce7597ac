/* global require, module */
// Strapi loads a local plugin's server entry from the plugin folder with require(), and only .js
// (docs.strapi.io, "Setting a local plugin … without the Plugin SDK"). The server code is
// TypeScript compiled with the rest of the CMS into cms/dist, so this entry hands that over: the
// plugin needs no build of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- Strapi require()s this CommonJS entry
module.exports = require('../../../dist/src/plugins/import-export/server/src').default;
