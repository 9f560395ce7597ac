// The Calendar object has no data of its own: its fields read the request's calendar. Its own module,
// so the generated resolver types (codegen's mapper) import it without importing the resolvers.
export type CalendarParent = Record<string, never>;
