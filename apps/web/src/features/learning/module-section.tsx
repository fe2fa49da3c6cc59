import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import type { LessonView, ModuleView } from '@app/contracts';
import { TextField } from '../../components/text-field';
import { useI18n } from '../../i18n';
import { EditorForm } from './form-parts';
import { learningApi } from './learning-api';
import { LessonForm } from './lesson-form';
import { useSaving } from './use-saving';

/** Where a move goes: one place up or down in its list. */
export type Direction = 'up' | 'down';

/** What the editor page lends a module: saving, moving (one move at a time) and its place. */
export interface ModuleControls {
  courseId: string;
  courseLessons: LessonView[];
  /** this module's index and the course's module count */
  index: number;
  count: number;
  /** the course's other modules, where this module's lessons may move to */
  otherModules: ModuleView[];
  /** a move is on its way: every move button waits for it */
  moving: boolean;
  onSaved(title: string): void;
  moveModule(direction: Direction): void;
  moveLesson(lesson: LessonView, direction: Direction): void;
  /** to the end of `target` */
  moveLessonTo(lesson: LessonView, target: ModuleView): void;
}

/** Up, down and a third action for one module or lesson; each named after what it acts on. */
function ItemActions({
  title,
  index,
  count,
  moving,
  onMove,
  editLabel,
  editNamed,
  onEdit,
}: {
  title: string;
  index: number;
  count: number;
  moving: boolean;
  onMove(direction: Direction): void;
  editLabel: string;
  editNamed: string;
  onEdit(): void;
}) {
  const { t } = useI18n();
  return (
    <div className="learn-item-actions">
      <button
        type="button"
        className="button button-secondary button-small"
        aria-label={t('learning.editor.moveUpNamed', { title })}
        disabled={moving || index === 0}
        onClick={() => onMove('up')}
      >
        {t('learning.editor.moveUp')}
      </button>
      <button
        type="button"
        className="button button-secondary button-small"
        aria-label={t('learning.editor.moveDownNamed', { title })}
        disabled={moving || index === count - 1}
        onClick={() => onMove('down')}
      >
        {t('learning.editor.moveDown')}
      </button>
      <button
        type="button"
        className="button button-secondary button-small"
        aria-label={editNamed}
        onClick={onEdit}
      >
        {editLabel}
      </button>
    </div>
  );
}

/** A module of the course editor: its name, its lessons in order, and forms to rename, edit and add. */
export function ModuleSection({ module, controls }: { module: ModuleView; controls: ModuleControls }) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const { courseId, courseLessons, onSaved } = controls;
  return (
    <section className="learn-section" aria-labelledby={`module-${module.id}`}>
      <h2 id={`module-${module.id}`}>{module.title}</h2>
      {renaming ? (
        <RenameModule
          module={module}
          onCancel={() => setRenaming(false)}
          onSaved={(title) => {
            setRenaming(false);
            onSaved(title);
          }}
        />
      ) : (
        <ItemActions
          title={module.title}
          index={controls.index}
          count={controls.count}
          moving={controls.moving}
          onMove={controls.moveModule}
          editLabel={t('learning.editor.rename')}
          editNamed={t('learning.editor.renameNamed', { title: module.title })}
          onEdit={() => setRenaming(true)}
        />
      )}
      {module.lessons.length === 0 && <p className="learn-note">{t('learning.editor.noLessons')}</p>}
      <ul className="learn-list">
        {module.lessons.map((l, i) => (
          <li key={l.id} className="learn-lesson-item">
            <Link className="learn-row" to={`/courses/${courseId}/lessons/${l.id}`}>
              <span className="learn-row-main">
                <span className="learn-row-title">{l.title}</span>
                <span className="learn-card-meta">
                  {t('learning.editor.lessonMeta', {
                    kind: t(`learning.lessonKind.${l.kind}`),
                    credits: l.credits,
                  })}
                </span>
              </span>
            </Link>
            {editing === l.id ? (
              <LessonForm
                moduleId={module.id}
                moduleTitle={module.title}
                lesson={l}
                courseLessons={courseLessons}
                onCancel={() => setEditing(null)}
                onSaved={(saved) => {
                  setEditing(null);
                  onSaved(saved.title);
                }}
              />
            ) : (
              <>
                <ItemActions
                  title={l.title}
                  index={i}
                  count={module.lessons.length}
                  moving={controls.moving}
                  onMove={(direction) => controls.moveLesson(l, direction)}
                  editLabel={t('learning.editor.edit')}
                  editNamed={t('learning.editor.editNamed', { title: l.title })}
                  onEdit={() => setEditing(l.id)}
                />
                {controls.otherModules.length > 0 && (
                  <MoveToModule
                    lesson={l}
                    targets={controls.otherModules}
                    moving={controls.moving}
                    onMove={(target) => controls.moveLessonTo(l, target)}
                  />
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {adding ? (
        <LessonForm
          moduleId={module.id}
          moduleTitle={module.title}
          courseLessons={courseLessons}
          onCancel={() => setAdding(false)}
          onSaved={(lesson) => {
            setAdding(false);
            onSaved(lesson.title);
          }}
        />
      ) : (
        <button type="button" className="button button-secondary" onClick={() => setAdding(true)}>
          {t('learning.editor.addLesson')}
        </button>
      )}
    </section>
  );
}

/**
 * A lesson to the end of another module of the course: pick the module, then move. Not on the
 * select's change, which some browsers fire for every arrow key on a closed select.
 */
function MoveToModule({
  lesson,
  targets,
  moving,
  onMove,
}: {
  lesson: LessonView;
  targets: ModuleView[];
  moving: boolean;
  onMove(target: ModuleView): void;
}) {
  const { t } = useI18n();
  const selectId = useId();
  const [chosen, setChosen] = useState('');
  const target = targets.find((m) => m.id === chosen);
  return (
    <div className="learn-move-to">
      <label className="learn-sr" htmlFor={selectId}>
        {t('learning.editor.moveToModuleNamed', { title: lesson.title })}
      </label>
      <select
        id={selectId}
        className="learn-select"
        value={target ? chosen : ''}
        disabled={moving}
        onChange={(e) => setChosen(e.target.value)}
      >
        <option value="" disabled>
          {t('learning.editor.moveToModule')}
        </option>
        {targets.map((m) => (
          <option key={m.id} value={m.id}>
            {m.title}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button-secondary button-small"
        aria-label={t('learning.editor.moveGoNamed', { title: lesson.title })}
        disabled={moving || !target}
        onClick={() => target && onMove(target)}
      >
        {t('learning.editor.moveGo')}
      </button>
    </div>
  );
}

function RenameModule({
  module,
  onSaved,
  onCancel,
}: {
  module: ModuleView;
  onSaved(title: string): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [title, setTitle] = useState(module.title);
  const { busy, error, save } = useSaving();
  const submit = () =>
    save(async () => onSaved((await learningApi.updateModule(module.id, { title: title.trim() })).title));
  return (
    <EditorForm
      label={t('learning.editor.renameNamed', { title: module.title })}
      saveLabel={t('learning.editor.saveName')}
      busy={busy}
      error={error}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <TextField
        label={t('learning.editor.moduleTitle')}
        value={title}
        onChange={setTitle}
        required
        maxLength={120}
      />
    </EditorForm>
  );
}
