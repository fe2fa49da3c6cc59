import type { Role } from '@app/contracts';
import type { PlainKey } from '../i18n';

export type FeatureId = 'courses' | 'teach' | 'live' | 'market' | 'shop' | 'program';

export interface Feature {
  id: FeatureId;
  path: string;
  title: PlainKey;
  body: PlainKey;
  /** who sees the card once signed in */
  roles: readonly Role[];
  /** shown on the welcome page before signing in */
  forGuests: boolean;
  ready: boolean;
}

// Entry points for the parts of the platform still to come; each turns `ready` when it ships.
export const FEATURES: readonly Feature[] = [
  {
    id: 'courses',
    path: '/courses',
    title: 'feature.courses.title',
    body: 'feature.courses.body',
    roles: ['trainee', 'anchor', 'instructor', 'program_admin', 'admin'],
    forGuests: true,
    ready: true,
  },
  {
    id: 'teach',
    path: '/teach',
    title: 'feature.teach.title',
    body: 'feature.teach.body',
    roles: ['instructor', 'program_admin', 'admin'],
    forGuests: false,
    ready: true,
  },
  {
    id: 'live',
    path: '/live',
    title: 'feature.live.title',
    body: 'feature.live.body',
    roles: ['trainee', 'anchor', 'viewer', 'instructor', 'program_admin', 'admin'],
    forGuests: true,
    ready: true,
  },
  {
    id: 'market',
    path: '/market',
    title: 'feature.market.title',
    body: 'feature.market.body',
    roles: ['trainee', 'anchor', 'viewer', 'instructor', 'program_admin', 'admin'],
    forGuests: true,
    ready: true,
  },
  {
    id: 'shop',
    path: '/my-shop',
    title: 'feature.shop.title',
    body: 'feature.shop.body',
    roles: ['trainee', 'anchor', 'admin'],
    forGuests: true,
    ready: true,
  },
  {
    id: 'program',
    path: '/program',
    title: 'feature.program.title',
    body: 'feature.program.body',
    roles: ['instructor', 'program_admin', 'admin'],
    forGuests: false,
    ready: true,
  },
];

export function featuresFor(roles: readonly Role[] | null): Feature[] {
  return FEATURES.filter((f) => (roles ? f.roles.some((r) => roles.includes(r)) : f.forGuests));
}

// The role whose greeting a person with several roles sees: the one they act in most.
const GREETING_ORDER: readonly Role[] = [
  'admin',
  'program_admin',
  'instructor',
  'anchor',
  'trainee',
  'viewer',
];

export function primaryRole(roles: readonly Role[]): Role {
  return GREETING_ORDER.find((r) => roles.includes(r)) ?? 'viewer';
}
