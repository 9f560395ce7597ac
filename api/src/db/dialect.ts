// The two databases the api runs on (DESIGN.md: SQLite embedded, PostgreSQL in production). Its own
// module so the migrations and the connection both name it without importing each other.
export type DialectName = 'sqlite' | 'postgres';
