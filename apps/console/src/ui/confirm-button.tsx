import { useId, useRef, useState } from 'preact/hooks';
import { ErrorText } from './messages';
import { messageOf } from './use-load';

interface ConfirmButtonProps {
  label: string;
  /** the accessible name when the label alone is ambiguous ("Delete" on every row) */
  name?: string;
  /** what will happen, asked in a modal dialog before anything is sent */
  question: string;
  confirmLabel?: string;
  onConfirm: () => Promise<void>;
}

/**
 * A button that asks first, in a native modal dialog: focus moves into it (on Cancel, the safe
 * choice), Escape closes it, and focus returns to the button afterwards.
 */
export function ConfirmButton({
  label,
  name,
  question,
  confirmLabel,
  onConfirm,
}: ConfirmButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const questionId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      dialog.current?.close();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        class="danger"
        aria-label={name}
        onClick={() => {
          setError(undefined);
          dialog.current?.showModal();
        }}
      >
        {label}
      </button>
      <dialog ref={dialog} aria-labelledby={questionId}>
        <p id={questionId}>{question}</p>
        <ErrorText message={error} />
        <div class="actions">
          <button type="button" class="danger" disabled={busy} onClick={() => void confirm()}>
            {confirmLabel ?? label}
          </button>
          <button type="button" autofocus onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}
