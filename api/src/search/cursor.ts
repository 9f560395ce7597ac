// Relay-style cursors over Meilisearch offsets. Opaque to clients; validated on the way back in.
import { BadUserInputError } from '../errors/index.ts';
import { SEARCH_LIMITS } from './search-input.ts';

const PREFIX = 'o:';

export function encodeCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): number {
  if (cursor == null || cursor === '') return 0;
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = raw.startsWith(PREFIX) ? Number(raw.slice(PREFIX.length)) : NaN;
  if (!Number.isInteger(offset) || offset < 0 || offset >= SEARCH_LIMITS.maxOffset) {
    throw BadUserInputError.single(['after'], 'invalid_cursor', '分页游标无效 (after is not a cursor this API returned)');
  }
  return offset + 1;
}
