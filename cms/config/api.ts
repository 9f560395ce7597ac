// Strapi's public content REST API is not the platform's API (that is api/, Apollo). No content
// type registers routes, so nothing is served here; the limits stay strict for admin-side use.
export default {
  rest: { defaultLimit: 25, maxLimit: 100, withCount: true },
};
