import { useState } from 'preact/hooks';
import { errorText, useFlushingDebouncer } from './lib/hooks';
import { isSaveChord } from './lib/focus';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

/**
 * A note textarea. With `onAutosave`, the text is handed to the background after a pause in typing
 * (and at once when the page hides), and a status line says whether it has landed.
 * data-testid: `testid` prop (default note-input), `${testid}-status`
 */
export function NoteEditor(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  onAutosave?: (body: string) => Promise<unknown>;
  autosaveMs?: number;
  placeholder?: string;
  rows?: number;
  testid?: string;
  /** shown when there is no autosave status to show */
  hint?: string;
  autoFocus?: boolean;
  /** Ctrl/Cmd+Enter in the box: the page's save for this note */
  onSubmit?: () => void;
}) {
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState('');
  const saver = useFlushingDebouncer((body: string) => {
    if (!props.onAutosave) return;
    setState('saving');
    props.onAutosave(body).then(
      () => setState((s) => (s === 'saving' ? 'saved' : s)),
      (e) => {
        setError(errorText(e));
        setState('error');
      },
    );
  }, props.autosaveMs ?? 300);

  const testid = props.testid ?? 'note-input';
  const status =
    state === 'pending' || state === 'saving'
      ? 'Saving…'
      : state === 'saved'
        ? 'Saved'
        : state === 'error'
          ? `Not saved yet (kept on this device): ${error}`
          : props.hint ?? '';
  return (
    <div class="note-editor">
      <label class="field" for={props.id}>
        <span>{props.label}</span>
      </label>
      <textarea
        id={props.id}
        data-testid={testid}
        value={props.value}
        rows={props.rows ?? 3}
        placeholder={props.placeholder}
        autoFocus={props.autoFocus}
        aria-keyshortcuts={props.onSubmit ? 'Control+Enter Meta+Enter' : undefined}
        onKeyDown={(e) => {
          if (props.onSubmit && isSaveChord(e)) {
            e.preventDefault();
            props.onSubmit();
          }
        }}
        onInput={(e) => {
          const v = (e.currentTarget as HTMLTextAreaElement).value;
          props.onChange(v);
          if (props.onAutosave) {
            setState('pending');
            saver.call(v);
          }
        }}
      />
      <div class="status" aria-live="polite" data-testid={`${testid}-status`}>
        {status}
      </div>
    </div>
  );
}
