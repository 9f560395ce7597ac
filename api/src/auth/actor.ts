// Who is calling: the roles of the petition module (DESIGN.md "Who uses it"; 第三、七条 the office triages,
// the departments handle, 第十二条 the leading group reads the report).
import { DEPARTMENT_CODES, OFFICE_DEPARTMENT_CODE, usccProblem } from '@zone/schemas';
import { z } from 'zod';

export const ROLES = ['enterprise', 'individual', 'hotline', 'office', 'department', 'leader'] as const;
export type Role = (typeof ROLES)[number];

export type Actor =
  | { role: 'enterprise'; id: string; uscc: string }
  | { role: 'individual'; id: string }
  | { role: 'hotline'; id: string }
  | { role: 'office'; id: string }
  | { role: 'department'; id: string; department: string }
  | { role: 'leader'; id: string };

/** The system actor of the sweeper (urges, escalations, default ratings). */
export const SWEEPER_ACTOR = { role: 'system', id: 'sweeper' } as const;

const sub = z.string().min(1).max(200);

/** The JWT claims each role must carry. */
export const ClaimsSchema = z.discriminatedUnion('role', [
  z.object({
    role: z.literal('enterprise'),
    sub,
    uscc: z
      .string()
      .transform((s) => s.trim().toUpperCase())
      .refine((s) => usccProblem(s) === null, 'uscc claim is not a valid 统一社会信用代码'),
  }),
  z.object({ role: z.literal('individual'), sub }),
  z.object({ role: z.literal('hotline'), sub }),
  z.object({ role: z.literal('office'), sub }),
  z.object({
    role: z.literal('department'),
    sub,
    department: z
      .string()
      .refine((d) => d !== OFFICE_DEPARTMENT_CODE && DEPARTMENT_CODES.includes(d), 'department claim is not a known department code'),
  }),
  z.object({ role: z.literal('leader'), sub }),
]);
export type Claims = z.infer<typeof ClaimsSchema>;

export function actorFromClaims(claims: Claims): Actor {
  switch (claims.role) {
    case 'enterprise':
      return { role: 'enterprise', id: claims.sub, uscc: claims.uscc };
    case 'department':
      return { role: 'department', id: claims.sub, department: claims.department };
    case 'individual':
    case 'hotline':
    case 'office':
    case 'leader':
      return { role: claims.role, id: claims.sub };
  }
}
