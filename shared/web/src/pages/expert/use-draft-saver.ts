import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  type EvaluationSessionView,
  type ScoreSheetBody,
  type ScoreSheetView,
  saveScoreSheet,
} from '../../services/expert';

/** How long the sheet waits after the last keystroke before it saves the draft. */
const SAVE_DELAY_MS = 800;

/** Where the draft's saving stands, as the page tells the member. */
export type SaveState =
  | { step: 'idle' }
  | { step: 'waiting' }
  | { step: 'saving' }
  | { step: 'saved'; savedAt: string }
  | { step: 'failed'; error: unknown };

/** The draft saver of one session. */
export interface DraftSaver {
  /** Where saving stands. */
  state: SaveState;
  /** Saves `body` once the member pauses typing (a newer body replaces a waiting one). */
  schedule(body: ScoreSheetBody): void;
  /** Drops a waiting save (the sheet holds an invalid value, so nothing should be sent). */
  cancel(): void;
  /** Saves a waiting body now and resolves once no save is waiting or running; rejects if it fails. */
  flush(): Promise<void>;
}

/**
 * Saves the member's draft sheet as it types: debounced, one request at a time, the newest body last.
 *
 * Why one at a time: the server numbers each draft from the stored one (its version), so two saves
 * in flight could land out of order; the stored sheet is put into the session's cache, so a reload
 * or a refetch shows exactly what the server kept.
 */
export function useDraftSaver(tenderId: string, lastSavedAt: string | null): DraftSaver {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SaveState>(
    lastSavedAt ? { step: 'saved', savedAt: lastSavedAt } : { step: 'idle' },
  );
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const waiting = useRef<ScoreSheetBody | null>(null);
  const running = useRef<Promise<void> | null>(null);
  const lastError = useRef<unknown>(null);

  const keep = useCallback(
    (sheet: ScoreSheetView) => {
      queryClient.setQueryData<EvaluationSessionView>(['expert', 'session', tenderId], (session) =>
        session ? { ...session, sheet } : session,
      );
    },
    [queryClient, tenderId],
  );

  const run = useCallback((): Promise<void> => {
    if (running.current) return running.current;
    const body = waiting.current;
    if (!body) return Promise.resolve();
    waiting.current = null;
    setState({ step: 'saving' });
    const attempt = saveScoreSheet(tenderId, body).then(
      (sheet) => {
        lastError.current = null;
        keep(sheet);
        setState({ step: 'saved', savedAt: sheet.savedAt });
      },
      (error: unknown) => {
        lastError.current = error;
        setState({ step: 'failed', error });
      },
    );
    running.current = attempt.finally(() => {
      running.current = null;
    });
    // A body typed while this one was on its way goes next.
    return running.current.then(() => (waiting.current ? run() : undefined));
  }, [tenderId, keep]);

  const schedule = useCallback(
    (body: ScoreSheetBody) => {
      waiting.current = body;
      setState((current) => (current.step === 'saving' ? current : { step: 'waiting' }));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        void run();
      }, SAVE_DELAY_MS);
    },
    [run],
  );

  const cancel = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    waiting.current = null;
  }, []);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    while (running.current || waiting.current) await (running.current ?? run());
    if (lastError.current) throw lastError.current;
  }, [run]);

  // Leaving the page sends what is still waiting rather than dropping it.
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
        if (waiting.current) void saveScoreSheet(tenderId, waiting.current).then(keep, () => undefined);
      }
    },
    [tenderId, keep],
  );

  return { state, schedule, cancel, flush };
}
