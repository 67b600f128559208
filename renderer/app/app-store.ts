import type { Locale } from '../../shared/validate';
import { type Progress, WorkerFailure } from '../client/worker-client';
import { type Words, wordsFor } from '../i18n/words';
import type { Change } from '../../shared/list';
import { failureText } from '../../shared/words';
import type { TargetChoice, Template } from '../../shared/template';
import { type AppState, type BusyState, initialState, type Said } from './app-state';

/** Words of the UI said in whatever language is shown when the notice is read. */
export function inWords(say: (words: Words) => string): Said {
  return (locale) => say(wordsFor(locale));
}

type Listener = () => void;
type ChangeListener = (change: Change) => void;

/**
 * The app's state, replaced (never mutated) on every change, and who listens: React through
 * `useAppState`, the grid through `onChange` (every change to the list, whoever made it). Also the ways
 * every action reports back to the user: notices and the busy bar.
 */
export class AppStore {
  private state: AppState;
  private readonly listeners = new Set<Listener>();
  private readonly changeListeners = new Set<ChangeListener>();

  constructor(locale: Locale, target: TargetChoice, template: Template) {
    this.state = initialState(locale, target, template);
  }

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): AppState => this.state;

  set(patch: Partial<AppState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  onChange(listener: ChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  emit(change: Change): void {
    for (const listener of this.changeListeners) listener(change);
  }

  get words() {
    return wordsFor(this.state.locale);
  }

  /** Shows what went wrong and ends whatever was busy. */
  fail(error: unknown): void {
    this.set({ notice: { kind: 'error', text: this.reasonOf(error) }, busy: null });
  }

  /** Why something failed, for people: the worker's refusals in the language shown, anything else as it is. */
  reasonOf(error: unknown): string {
    if (error instanceof WorkerFailure) return failureText(this.state.locale, error.error);
    return error instanceof Error ? error.message : String(error);
  }

  /** An info notice; `untilChange`: only while the list stays as it is now (an undo hint, a count of changes). */
  info(text: Said, untilChange = false): void {
    const version = this.state.status?.version;
    this.set({
      notice: { kind: 'info', text, ...(untilChange && version !== undefined ? { version } : {}) },
    });
  }

  /** A worker request's progress on the busy bar (a read's validation phase shows as validating). */
  progress(task: BusyState['task']): (p: Progress) => void {
    return (p) =>
      this.set({
        busy: {
          task: p.phase === 'validate' && task === 'read' ? 'validate' : task,
          done: p.done,
          fraction: p.fraction,
        },
      });
  }
}
