/**
 * The Labs entry: the header's "Labs" button and the drawer it opens. Only this file is in the
 * main bundle; the drawer's contents (LabsPanel, LabBuilder) load as a chunk of their own the
 * first time it opens, and the labs themselves live in the worker.
 */
import { lazy, Suspense, useEffect } from 'react';
import { useStore } from 'zustand';
import { bootLabs, labsStore, setLabsOpen } from '../../labs/labs-client.ts';

const LabsPanel = lazy(() => import('./LabsPanel.tsx'));

let booted = false;

/** The header's toggle. */
export function LabsButton() {
  const open = useStore(labsStore, (s) => s.open);
  const mode = useStore(labsStore, (s) => s.state?.mode);
  useEffect(() => {
    if (booted) return;
    booted = true;
    void bootLabs();
  }, []);
  return (
    <button type="button" className={`btn labs-toggle${mode === 'lab' ? ' is-active-lab' : ''}`} aria-pressed={open} aria-controls={open ? 'labs-drawer' : undefined} onClick={() => setLabsOpen(!open)}>
      Labs
    </button>
  );
}

/** The drawer, over the right of the page while open. */
export function LabsDrawer() {
  const open = useStore(labsStore, (s) => s.open);
  if (!open) return null;
  return (
    <Suspense fallback={<section id="labs-drawer" className="labs-drawer" aria-label="Labs" aria-busy="true" />}>
      <LabsPanel />
    </Suspense>
  );
}
