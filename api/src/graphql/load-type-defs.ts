// Every SDL file in schemas/graphql/ (petitions, calendar, and the search files a later issue adds).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SDL_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schemas/graphql');

export function loadTypeDefs(dir: string = SDL_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}
