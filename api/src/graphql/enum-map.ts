// GraphQL enum values are the upper-case forms of the snake_case keys in @zone/schemas.
export function enumResolver<K extends string>(keys: readonly K[]): Record<string, K> {
  return Object.fromEntries(keys.map((k) => [k.toUpperCase(), k]));
}
