import { clientTether } from '../../../shared/template';
import { confirmed, type FieldTarget } from '../../../shared/mapping';
import { useController } from '../../app/AppContext';
import { useAppState } from '../../app/useAppState';
import { firstTryWords } from '../../i18n/first-try-words';

type Props = Readonly<{ column: number; header: string; target: FieldTarget }>;

/**
 * A field guessed from the column's values, shown as a guess: "Check this" and a button to confirm it. Until
 * it is confirmed (or another target chosen), the list engine fixes nothing in that column.
 */
export function GuessCheck({ column, header, target }: Props) {
  const controller = useController();
  const locale = useAppState((s) => s.locale);
  const words = firstTryWords(locale);
  const field = clientTether.fields.find((f) => f.header === target.header);
  const fieldName = field ? field.label[locale] : target.header;
  return (
    <span className="lp-guess" data-testid="guess">
      <strong className="lp-guess-badge">{words.guessCheck}</strong>{' '}
      <span className="lp-guess-help">{words.guessHelp}</span>{' '}
      <button
        type="button"
        aria-label={words.guessConfirmLabel(header, fieldName)}
        onClick={() => controller.setTarget(column, confirmed(target))}
      >
        {words.guessConfirm}
      </button>
    </span>
  );
}
