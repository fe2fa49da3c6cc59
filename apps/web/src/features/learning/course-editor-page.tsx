import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { CourseView, LessonView, ModuleView } from '@app/contracts';
import { FormAlert } from '../../components/form-alert';
import { errorText, useI18n } from '../../i18n';
import { CourseFacts } from './course-card';
import { CourseDetailsForm } from './course-details-form';
import { courseOutline, lessonsInOrder } from './course-outline';
import { learningApi } from './learning-api';
import { ModuleSection, type Direction } from './module-section';
import { BackLink, Loaded } from './page-parts';
import { useApiData } from './use-api-data';
import { OneFieldForm } from '../../components/one-field-form';

/** `/teach/courses/:courseId`: the course's details, modules and lessons, to edit, reorder and add to. */
export function CourseEditorPage() {
  const { courseId = '' } = useParams();
  const { t } = useI18n();
  const data = useApiData(`course-editor:${courseId}`, (signal) => learningApi.course(courseId, signal));
  return (
    <div className="learn-page learn-authoring">
      <BackLink to="/teach">{t('learning.teach.title')}</BackLink>
      <Loaded data={data}>{(course) => <Editor course={course} onChanged={data.refresh} />}</Loaded>
    </div>
  );
}

function Editor({ course: loaded, onChanged }: { course: CourseView; onChanged(): void }) {
  const { t } = useI18n();
  // a move answers the whole course in its new order, shown at once; other saves reload it
  const [course, setCourse] = useState(loaded);
  useEffect(() => setCourse(loaded), [loaded]);
  const [status, setStatus] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const [moveError, setMoveError] = useState<string | null>(null);
  const [editingDetails, setEditingDetails] = useState(false);
  const modules = courseOutline(course);
  const lessons = modules.flatMap((m) => m.lessons);
  const saved = (title: string) => {
    setStatus(t('learning.editor.saved', { title }));
    onChanged();
  };

  /** One move at a time; the answer is the whole course in its new order, shown at once. */
  const move = async (work: () => Promise<CourseView>, said: (c: CourseView) => string) => {
    setMoving(true);
    setMoveError(null);
    try {
      const next = await work();
      setCourse(next);
      setStatus(said(next));
    } catch (e) {
      setMoveError(errorText(e, t, { withReason: true }));
      onChanged();
    } finally {
      setMoving(false);
    }
  };
  const moveModule = (m: ModuleView, index: number, direction: Direction) =>
    move(
      () => learningApi.moveModule(m.id, { position: direction === 'up' ? index - 1 : index + 1 }),
      (c) => {
        const n = courseOutline(c).findIndex((x) => x.id === m.id) + 1;
        return t('learning.editor.moved', { title: m.title, n });
      },
    );
  const moveLesson = (m: ModuleView, l: LessonView, direction: Direction) => {
    const index = m.lessons.findIndex((x) => x.id === l.id);
    return move(
      () => learningApi.moveLesson(l.id, { position: direction === 'up' ? index - 1 : index + 1 }),
      (c) => {
        const n = (lessonsInOrder(c).find((x) => x.id === l.id)?.position ?? index) + 1;
        return t('learning.editor.moved', { title: l.title, n });
      },
    );
  };
  const moveLessonTo = (l: LessonView, target: ModuleView) =>
    move(
      () => learningApi.moveLesson(l.id, { moduleId: target.id, position: target.lessons.length }),
      () => t('learning.editor.movedToModule', { title: l.title, module: target.title }),
    );

  return (
    <>
      <p className="learn-kicker">{t('learning.editor.kicker')}</p>
      <h1>{course.title}</h1>
      {editingDetails ? (
        <CourseDetailsForm
          course={course}
          onCancel={() => setEditingDetails(false)}
          onSaved={(next) => {
            setEditingDetails(false);
            setCourse(next);
            saved(next.title);
          }}
        />
      ) : (
        <CourseSummary course={course} onEdit={() => setEditingDetails(true)} />
      )}
      <Link className="button button-secondary button-block" to={`/courses/${course.id}`}>
        {t('learning.editor.preview')}
      </Link>
      {status && (
        <p className="learn-done" role="status">
          {status}
        </p>
      )}
      <FormAlert message={moveError} />
      {modules.length === 0 && <p className="learn-empty">{t('learning.editor.noModules')}</p>}
      {modules.map((m, index) => (
        <ModuleSection
          key={m.id}
          module={m}
          controls={{
            courseId: course.id,
            courseLessons: lessons,
            index,
            count: modules.length,
            otherModules: modules.filter((x) => x.id !== m.id),
            moving,
            onSaved: saved,
            moveModule: (direction) => void moveModule(m, index, direction),
            moveLesson: (l, direction) => void moveLesson(m, l, direction),
            moveLessonTo: (l, target) => void moveLessonTo(l, target),
          }}
        />
      ))}
      <AddModule courseId={course.id} onAdded={(m) => saved(m.title)} />
    </>
  );
}

function CourseSummary({ course, onEdit }: { course: CourseView; onEdit(): void }) {
  const { t } = useI18n();
  return (
    <>
      <CourseFacts course={course} />
      <button type="button" className="button button-secondary button-block" onClick={onEdit}>
        {t('learning.editor.editDetails')}
      </button>
    </>
  );
}

function AddModule({ courseId, onAdded }: { courseId: string; onAdded(m: ModuleView): void }) {
  const { t } = useI18n();
  return (
    <OneFieldForm
      className="form learn-subform"
      name={t('learning.editor.addModule')}
      busyLabel={t('learning.editor.addingModule')}
      label={t('learning.editor.moduleTitle')}
      hint={t('learning.editor.moduleTitleHint')}
      field={{ maxLength: 120 }}
      submit={async (title) => onAdded(await learningApi.addModule(courseId, { title }))}
      errorText={(e) => errorText(e, t, { withReason: true })}
    />
  );
}
