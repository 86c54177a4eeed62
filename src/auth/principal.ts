/** Roles a token may carry (claim `roles`). */
export const ROLES = ['mayor', 'mayor-office', 'police', 'lawyer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller, from a verified bearer token. Only its subject id is ever logged. */
export interface Principal {
  sub: string;
  roles: Role[];
  /** CBS codes (e.g. "GM1706") the caller may act for; "*" (admins only) means every municipality. */
  municipalities: string[];
}

export const ALL_MUNICIPALITIES = '*';

/** Whatever carries roles and a municipality scope: a principal, or an actor made from one. */
export interface Scoped {
  roles: readonly string[];
  municipalities: readonly string[];
}

export function hasRole(p: Scoped, ...roles: Role[]): boolean {
  return roles.some((r) => p.roles.includes(r));
}

/** True when the caller may act for the municipality; callers outside scope get a 404, never a 403. */
export function inScope(p: Scoped, municipalityCode: string): boolean {
  return (
    p.municipalities.includes(municipalityCode) ||
    (p.municipalities.includes(ALL_MUNICIPALITIES) && p.roles.includes('admin'))
  );
}
