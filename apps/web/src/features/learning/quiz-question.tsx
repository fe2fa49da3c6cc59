import type { QuizQuestionView } from '@app/contracts';
import { useI18n } from '../../i18n';

interface QuizQuestionProps {
  number: number;
  question: QuizQuestionView;
  chosen: readonly number[];
  onChange(choices: number[]): void;
  missing: boolean;
}

/** One question: radio buttons for single and true/false, checkboxes for multiple choice. */
export function QuizQuestion({ number, question, chosen, onChange, missing }: QuizQuestionProps) {
  const { t } = useI18n();
  const multiple = question.kind === 'multiple';
  const toggle = (index: number, checked: boolean) => {
    if (!multiple) return onChange([index]);
    onChange(checked ? [...chosen, index].sort((a, b) => a - b) : chosen.filter((c) => c !== index));
  };
  return (
    <fieldset
      className={`choice-list learn-question${multiple ? ' learn-question-multiple' : ''}`}
      aria-invalid={missing || undefined}
      id={`question-${question.id}`}
    >
      <legend>
        <span className="learn-question-no">{t('learning.quiz.questionNo', { n: number })}</span>
        <span className="learn-question-kind">{t(`learning.questionKind.${question.kind}`)}</span>
        <span className="learn-question-prompt">{question.prompt}</span>
      </legend>
      {question.options.map((option, index) => (
        <label key={index} className="choice">
          <input
            type={multiple ? 'checkbox' : 'radio'}
            name={question.id}
            checked={chosen.includes(index)}
            onChange={(e) => toggle(index, e.target.checked)}
          />
          <span className="choice-text">
            <span className="choice-title">{option}</span>
          </span>
        </label>
      ))}
      {missing && <p className="field-error">{t('learning.quiz.answerThis')}</p>}
    </fieldset>
  );
}
