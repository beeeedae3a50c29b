/**
 * Contract: the gait report of a session. The renderer gets the report model with its pictures
 * (the same bundle the PDF is printed from), saves the PT's words (findings, plan, notes), and asks
 * main to print the PDF. No file-system path crosses: the PDF lands in the library's exports folder
 * and comes back as a file name.
 */
import { z } from 'zod';
import { call, event } from './define';
import type { FindingLink } from '../report/edits';
import type { ReportBundle } from '../report/model';
import { PLAN_SINCE } from '../progress/plan-carry';

const Id = z.string().min(1, 'is required').max(64);
const Text = (max: number) =>
  z.string().trim().max(max, `This text is too long (at most ${max} characters).`);

/*
 * Messages are sentences the page can show as they are (it says which finding or exercise):
 * the PT never sees "edits.findings.0.text".
 */
export const FindingEditSchema = z.object({
  id: z.string().min(1).max(64),
  text: Text(2_000).min(1, 'A finding cannot be empty: write it, or remove it.'),
  evidence: z.array(Text(500)).max(20).default([]),
  /** The PT's call on the suggested order: a pinned finding leads, a demoted one goes below the
   *  first three. Absent in edits saved before it existed: the saved order stands. */
  pin: z.enum(['pinned', 'demoted']).optional(),
  /** The PT's cue for the runner; absent: the suggested finding's cue (same id) is kept. */
  cue: Text(300).optional(),
});

export const PlanEditSchema = z.object({
  id: z.string().min(1).max(64),
  title: Text(200).min(1, 'An exercise needs a name: write one, or remove the exercise.'),
  detail: Text(2_000).default(''),
  why: Text(500).optional(),
  /** The PT's dosage and progression; absent: the exercise library's (same id) are kept. */
  dosage: Text(500).optional(),
  progression: Text(500).optional(),
  /** At a follow-up: what became of it since the last visit (docs/progress.md §5); absent on a first visit. */
  since: z.enum(PLAN_SINCE).optional(),
});

/** The PT's version of the words: replaces the suggestions wholesale once saved. */
export const ReportEditsSchema = z.object({
  findings: z.array(FindingEditSchema).max(50),
  plan: z.array(PlanEditSchema).max(50),
  notes: Text(10_000).default(''),
});
export type ReportEdits = z.output<typeof ReportEditsSchema>;

/** An exported PDF of the report, as the page shows it. */
export interface PdfExport {
  fileName: string;
  sizeBytes: number;
  pages: number;
  /** When the file was written (ISO 8601). */
  writtenAt: string;
  /** Where the renderer can open it (browser mode: with the token, see Transport.apiUrl). */
  downloadUrl: string;
  /**
   * The folder the file was written to, for the PT to read ("where did my PDF go?"). Shown only:
   * no call takes a path from the renderer.
   */
  folder: string;
  /** Whether `report:showExport` can open that folder here (the Electron shell; not a browser). */
  canShowFolder: boolean;
  /**
   * When the PT's words (findings, plan, notes) were last saved, where that was after the file was
   * written (ISO 8601): the PDF no longer says what the page does, and the page says to export again.
   */
  wordsChangedAt?: string;
}

export const reportCalls = {
  /**
   * The report model and its pictures; the PT's saved words replace the suggestions. `links` tie
   * each suggested finding to its row flags and plan reasons, so the page's preview applies the
   * PT's unsaved words exactly as the PDF will (src-shared/report/edits.ts).
   */
  'report:get': call(z.object({ sessionId: Id })).returns<
    ReportBundle & {
      readonly links: readonly FindingLink[];
      /**
       * Recordings printed from their steady window while the rest is analysed (issue 16 item 3):
       * the page tells them from clips whose first numbers are not in the report.
       */
      readonly provisionalClips?: readonly string[];
    }
  >(),
  /**
   * With `basedOn` (the version of the saved words the page started from, report:editsStamp; 0 when
   * none were saved), the save is refused with code 'conflict' when another workstation saved or
   * reset the words since ("… was changed in room 2 at 10:42 while you were editing: reload to see
   * it, or keep yours"). Without it, it saves.
   */
  'report:saveEdits': call(
    z.object({ sessionId: Id, edits: ReportEditsSchema, basedOn: z.number().int().min(0).optional() }),
  ).returns<{
    savedAt: string;
    /** The saved words' version now (with basedOn). */
    version?: number;
  }>(),
  /** The PT's saved words for the session's report, or null where none were saved (Review's "What to
   *  work on first" lists the findings as the report does: src-shared/report/session-findings.ts). */
  'report:edits': call(z.object({ sessionId: Id })).returns<ReportEdits | null>(),
  /** The version of the session's saved words (0: none saved), who saved them last and when. */
  'report:editsStamp': call(z.object({ sessionId: Id })).returns<{
    version: number;
    updatedAt?: string;
    updatedBy?: string;
  }>(),
  /** Forget the PT's words and go back to the suggestions. */
  'report:resetEdits': call(z.object({ sessionId: Id })).returns<{ reset: boolean }>(),
  /** Print the report to PDF in the library's exports folder. */
  'report:exportPdf': call(z.object({ sessionId: Id })).returns<PdfExport>(),
  /**
   * The session's PDF last exported, found by main in the exports folder under the name the export
   * gives it (the patient's name, the session's date and, for a second session that date, its
   * number: export-names.ts), or null where there is none: the report
   * page links it after a reload. Takes the session only: no name or path comes from the renderer.
   */
  'report:lastPdf': call(z.object({ sessionId: Id })).returns<PdfExport | null>(),
  /**
   * Show an exported file in the system's file manager (Electron's shell.showItemInFolder). Takes
   * the file NAME the export returned, never a path: main finds it in the exports folder itself.
   */
  'report:showExport': call(
    z.object({
      fileName: z
        .string()
        .regex(/^[\w][\w.-]{0,200}$/, 'This is not the name of an exported file.')
        .refine((n) => !n.includes('..'), 'This is not the name of an exported file.'),
    }),
  ).returns<{ shown: boolean }>(),
  /** Write analysis.json, steps.csv and summary.csv of the report into the exports folder. */
  'report:exportData': call(z.object({ sessionId: Id })).returns<{
    files: { fileName: string; sizeBytes: number; downloadUrl: string }[];
  }>(),
  /** The session's clips with skeleton and joint angles burnt in (ffmpeg), into the exports folder. */
  'report:exportVideo': call(z.object({ sessionId: Id })).returns<{
    files: { fileName: string; sizeBytes: number; downloadUrl: string }[];
  }>(),
} as const;

export const reportEvents = {
  'report:progress': event(
    z.object({
      sessionId: z.string(),
      phase: z.enum(['frames', 'render', 'write', 'video']),
      fraction: z.number(),
    }),
  ),
} as const;
