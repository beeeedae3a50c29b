/**
 * The Record and Review pages write where they sit (patient › session) with the same separator:
 * they had "/" and "›". The Record page's head, rendered by React itself (react-dom/server).
 */
import { describe, expect, it } from 'vitest';
import { renderHtml, type Component } from '../helpers/react-render';

const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
type Where = { patient: { id: string; name: string }; session: { id: string; date: string } };
const { Crumbs } = (await load('../../src-renderer/src/Crumbs.tsx')) as { Crumbs: Component<Where> };
const { CaptureHead } = (await load('../../src-renderer/src/capture/CaptureHead.tsx')) as {
  CaptureHead: Component<Where & { recording: boolean; onLookForCameras: () => void; listError: undefined }>;
};

const where: Where = {
  patient: { id: 'p1', name: 'Dana Walker' },
  session: { id: 's1', date: '2026-12-07' },
};
const text = (html: string): string => html.replace(/<[^>]+>/g, '');

describe('breadcrumbs', () => {
  it('the Record page writes patient › session, as Review does (one component)', () => {
    const crumbs = text(renderHtml(Crumbs, where));
    expect(crumbs).toBe('Dana Walker › Session 2026-12-07');
    const head = renderHtml(CaptureHead, {
      ...where,
      recording: false,
      onLookForCameras: () => {},
      listError: undefined,
    });
    expect(text(head)).toContain(crumbs);
    expect(head).toContain('href="#/sessions/s1"');
  });
});
