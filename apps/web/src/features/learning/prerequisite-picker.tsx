/** Ticks the courses or lessons that must be finished first. */
export function PrerequisitePicker({
  legend,
  items,
  value,
  onChange,
  emptyText,
}: {
  legend: string;
  items: ReadonlyArray<{ id: string; title: string }>;
  value: string[];
  onChange(next: string[]): void;
  /** shown when there is nothing to choose from; without it, nothing is rendered then */
  emptyText?: string;
}) {
  if (items.length === 0 && !emptyText) return null;
  return (
    <fieldset className="choice-list">
      <legend className="field-label">{legend}</legend>
      {items.length === 0 && <p className="learn-note">{emptyText}</p>}
      {items.map((item) => (
        <label key={item.id} className="choice learn-check">
          <input
            type="checkbox"
            checked={value.includes(item.id)}
            onChange={(e) =>
              onChange(e.target.checked ? [...value, item.id] : value.filter((x) => x !== item.id))
            }
          />
          <span className="choice-text">
            <span className="choice-title">{item.title}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
