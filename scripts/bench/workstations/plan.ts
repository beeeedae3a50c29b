/**
 * The benchmark's data and workload, generated from a seed so the seeding (../workstations.ts) and
 * every workstation process (child.ts) agree without passing rows around: patient `p-<i>`, session
 * `s-<j>` of patient `p-<j mod patients>` (so 100,000 sessions over 10,000 patients is ten each).
 */

import { createPrng } from '../../../src-shared/gait/synthetic/prng';

const FIRST = [
  'Ann',
  'Bob',
  'Cara',
  'Dan',
  'Erin',
  'Finn',
  'Gus',
  'Hana',
  'Ivo',
  'Jo',
  'Kai',
  'Lena',
  'Mia',
  'Noah',
  'Olga',
  'Per',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
];
const LAST = [
  'Andersen',
  'Berg',
  'Carlsson',
  'Dahl',
  'Eriksen',
  'Fischer',
  'Gray',
  'Hansen',
  'Iversen',
  'Jensen',
  'Keller',
  'Larsen',
  'Moreau',
  'Nielsen',
  'Olsen',
  'Petersen',
  'Quist',
  'Rossi',
  'Schmidt',
  'Thomsen',
  'Ueda',
  'Vogel',
  'Weber',
  'Xu',
  'Young',
  'Zimmer',
  'Baker',
  'Meyer',
  'Lopez',
  'Novak',
];

/** Seeded uniforms in [0, 1) (mulberry32, the synthetic runner's generator): the same numbers on every process. */
export const random = (seed: number): (() => number) => createPrng(seed).next;

export interface PatientSeed {
  id: string;
  name: string;
  clinicId: string;
  createdAt: string;
}
export interface SessionSeed {
  id: string;
  patientId: string;
  date: string;
  createdAt: string;
}

const day = (n: number): string => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

export function patientRow(i: number): PatientSeed {
  const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}-${LAST[(i * 7) % LAST.length]}`;
  return { id: `p-${i}`, name, clinicId: `C-${100000 + i}`, createdAt: `${day(i % 1500)}T09:00:00.000Z` };
}

export function sessionRow(j: number, patients: number): SessionSeed {
  const date = day((j * 13) % 2000);
  return { id: `s-${j}`, patientId: `p-${j % patients}`, date, createdAt: `${date}T10:00:00.000Z` };
}

/**
 * What a PT types into the patient search: a surname's start (a hundred-odd matches), a first name
 * and a surname's start (a handful), or a clinic id's start (a few).
 */
export function queries(seed: number, n: number): string[] {
  const r = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const last = LAST[Math.floor(r() * LAST.length)]!;
    if (i % 3 === 0) return last.slice(0, 3).toLowerCase();
    if (i % 3 === 1) return `${FIRST[Math.floor(r() * FIRST.length)]!.slice(0, 2)} ${last.slice(0, 4)}`;
    return `C-10${Math.floor(r() * 100)}`;
  });
}

/** The sessions whose page each iteration opens. */
export function pageCalls(seed: number, n: number, sessions: number): string[] {
  const r = random(seed ^ 0x5bd1e995);
  return Array.from({ length: n }, () => `s-${Math.floor(r() * sessions)}`);
}

/** What a workstation prints at the end, in milliseconds. */
export interface ChildResult {
  search: number[];
  sessionPage: number[];
  searchHits: number;
}
