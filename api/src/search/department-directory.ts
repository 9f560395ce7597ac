// The department list for the platform: the mechanism's departments (schemas/data/departments.json)
// with the names and phone numbers as currently published, taken from the index (search-sync
// flattens them into every document), so a rename in the CMS shows here without touching the CMS.
// Cached briefly: departments change a few times a year, and this is called on page loads.
import { DEPARTMENTS, type SearchLocale } from '@zone/schemas';
import type { Clock } from '../clock/clock.ts';
import type { SearchIndex } from './search-index.ts';

export interface DepartmentRef {
  code: string;
  name: string;
  shortName: string | null;
  phone: string | null;
}

const TTL_MS = 60_000;

export class DepartmentDirectory {
  private readonly cache = new Map<SearchLocale, { at: number; list: DepartmentRef[] }>();

  constructor(
    private readonly search: SearchIndex,
    private readonly clock: Clock,
  ) {}

  async list(locale: SearchLocale): Promise<DepartmentRef[]> {
    const now = this.clock.now().getTime();
    const hit = this.cache.get(locale);
    if (hit && now - hit.at < TTL_MS) return hit.list;
    const res = await this.search.search('', {
      filter: [`locale = "${locale}"`, 'departmentCode EXISTS'],
      distinct: 'departmentCode',
      limit: 200,
      attributesToRetrieve: ['departmentCode', 'departmentName', 'departmentShortName', 'departmentPhone'],
    });
    const published = new Map(res.hits.map((h) => [h.departmentCode, h]));
    const list = DEPARTMENTS.map((d): DepartmentRef => {
      const p = published.get(d.code);
      return {
        code: d.code,
        name: p?.departmentName ?? (locale === 'en' ? d.nameEn : d.name),
        shortName: p?.departmentShortName ?? (locale === 'en' ? d.nameEn : d.shortName),
        phone: p?.departmentPhone ?? d.phone,
      };
    });
    this.cache.set(locale, { at: now, list });
    return list;
  }

  async nameOf(code: string, locale: SearchLocale): Promise<string> {
    return (await this.list(locale)).find((d) => d.code === code)?.name ?? code;
  }
}

// Registers this feature's member of the request context (see graphql/context.ts).
declare module '../graphql/context.ts' {
  interface ApiServices {
    departments: DepartmentDirectory;
  }
}
