import type {
  AssessmentView,
  CreateCourseRequest,
  CreateLessonRequest,
  CreateLiveSessionRequest,
  CreateModuleRequest,
  CreateUploadResponse,
  LessonView,
  LiveSessionView,
  ModuleView,
  MoveLessonRequest,
  MoveModuleRequest,
  OrganizationView,
  TeachingView,
  UpdateCourseRequest,
  UpdateLessonRequest,
  UpdateModuleRequest,
  UploadView,
  CertificateVerification,
  CertificateView,
  CourseView,
  DashboardView,
  EnrollmentProgressView,
  EnrollmentView,
  GradePracticalRequest,
  HeartbeatRequest,
  HeartbeatResponse,
  ImportEnrollmentsResponse,
  LessonVideoLink,
  PracticalSubmissionView,
  ProgramInstructorView,
  ProgramView,
  QuizAttemptView,
  SubmitQuizRequest,
  SubsidyEligibleTrainee,
} from '@app/contracts';
import { ApiError, apiClient, isApiError, memoryStorage, storageTokenStore } from '../../api';

/** The training endpoints the learning pages use, typed by the shared contracts. */
export const learningApi = {
  myEnrollments: (signal?: AbortSignal) => apiClient.get<EnrollmentView[]>('/api/me/enrollments', { signal }),
  programs: (signal?: AbortSignal) => apiClient.get<ProgramView[]>('/api/programs', { signal }),
  programCourses: (programId: string, signal?: AbortSignal) =>
    apiClient.get<CourseView[]>(`/api/programs/${programId}/courses`, { signal }),
  course: (id: string, signal?: AbortSignal) => apiClient.get<CourseView>(`/api/courses/${id}`, { signal }),
  assessments: (courseId: string, signal?: AbortSignal) =>
    apiClient.get<AssessmentView[]>(`/api/courses/${courseId}/assessments`, { signal }),
  assessment: (id: string, signal?: AbortSignal) =>
    apiClient.get<AssessmentView>(`/api/assessments/${id}`, { signal }),
  progress: (enrollmentId: string, signal?: AbortSignal) =>
    apiClient.get<EnrollmentProgressView>(`/api/enrollments/${enrollmentId}/progress`, { signal }),
  certificates: (enrollmentId: string, signal?: AbortSignal) =>
    apiClient.get<CertificateView[]>(`/api/enrollments/${enrollmentId}/certificates`, { signal }),
  certificate: (id: string, signal?: AbortSignal) =>
    apiClient.get<CertificateView>(`/api/certificates/${id}`, { signal }),
  verify: (code: string, signal?: AbortSignal) =>
    apiClient.get<CertificateVerification>(`/api/certificates/verify/${encodeURIComponent(code)}`, {
      auth: false,
      signal,
    }),
  completeLesson: (lessonId: string) => apiClient.post<void>(`/api/lessons/${lessonId}/complete`),
  videoLink: (lessonId: string) => apiClient.post<LessonVideoLink>(`/api/lessons/${lessonId}/video-link`),
  heartbeat: (lessonId: string, beat: HeartbeatRequest) =>
    apiClient.post<HeartbeatResponse>(`/api/lessons/${lessonId}/heartbeats`, beat),
  submitQuiz: (assessmentId: string, body: SubmitQuizRequest) =>
    apiClient.post<QuizAttemptView>(`/api/assessments/${assessmentId}/attempts`, body),
  practicalSubmissions: (assessmentId: string, signal?: AbortSignal) =>
    apiClient.get<PracticalSubmissionView[]>(`/api/assessments/${assessmentId}/practical-submissions`, {
      signal,
    }),
  practical: (id: string, signal?: AbortSignal) =>
    apiClient.get<PracticalSubmissionView>(`/api/practical-submissions/${id}`, { signal }),
  grade: (id: string, body: GradePracticalRequest) =>
    apiClient.post<PracticalSubmissionView>(`/api/practical-submissions/${id}/grade`, body),
  dashboard: (programId: string, signal?: AbortSignal) =>
    apiClient.get<DashboardView>(`/api/programs/${programId}/dashboard`, { signal }),
  subsidyEligible: (programId: string, signal?: AbortSignal) =>
    apiClient.get<SubsidyEligibleTrainee[]>(`/api/programs/${programId}/subsidy-eligible`, { signal }),
  importEnrollments: (programId: string, csv: string) =>
    apiClient.post<ImportEnrollmentsResponse>(`/api/programs/${programId}/enrollments/import`, { csv }),
  programInstructors: (programId: string, signal?: AbortSignal) =>
    apiClient.get<ProgramInstructorView[]>(`/api/programs/${programId}/instructors`, { signal }),
  assignInstructor: (programId: string, identifier: string) =>
    apiClient.post<ProgramInstructorView>(`/api/programs/${programId}/instructors`, { identifier }),
  removeInstructor: (programId: string, userId: string) =>
    apiClient.request<void>('DELETE', `/api/programs/${programId}/instructors/${userId}`),

  // authoring
  teaching: (signal?: AbortSignal) => apiClient.get<TeachingView>('/api/me/teaching', { signal }),
  organizations: (signal?: AbortSignal) =>
    apiClient.get<OrganizationView[]>('/api/organizations', { signal }),
  createCourse: (programId: string, body: CreateCourseRequest) =>
    apiClient.post<CourseView>(`/api/programs/${programId}/courses`, body),
  addModule: (courseId: string, body: CreateModuleRequest) =>
    apiClient.post<ModuleView>(`/api/courses/${courseId}/modules`, body),
  addLesson: (moduleId: string, body: CreateLessonRequest) =>
    apiClient.post<LessonView>(`/api/modules/${moduleId}/lessons`, body),
  updateCourse: (courseId: string, body: UpdateCourseRequest) =>
    apiClient.request<CourseView>('PATCH', `/api/courses/${courseId}`, { body }),
  updateModule: (moduleId: string, body: UpdateModuleRequest) =>
    apiClient.request<ModuleView>('PATCH', `/api/modules/${moduleId}`, { body }),
  updateLesson: (lessonId: string, body: UpdateLessonRequest) =>
    apiClient.request<LessonView>('PATCH', `/api/lessons/${lessonId}`, { body }),
  moveModule: (moduleId: string, body: MoveModuleRequest) =>
    apiClient.post<CourseView>(`/api/modules/${moduleId}/move`, body),
  moveLesson: (lessonId: string, body: MoveLessonRequest) =>
    apiClient.post<CourseView>(`/api/lessons/${lessonId}/move`, body),
  classSessions: (signal?: AbortSignal) =>
    apiClient.get<LiveSessionView[]>('/api/live-sessions?kind=class', { signal }),
  createClassSession: (body: Omit<CreateLiveSessionRequest, 'kind'>) =>
    apiClient.post<LiveSessionView>('/api/live-sessions', { ...body, kind: 'class' }),
  createVideoUpload: (file: File) =>
    apiClient.post<CreateUploadResponse>('/api/uploads', {
      purpose: 'lesson-video',
      contentType: file.type,
      size: file.size,
      fileName: file.name,
    }),
  completeUpload: (uploadId: string) => apiClient.post<UploadView>(`/api/uploads/${uploadId}/complete`),
};

// The same store the app's client uses (localStorage, key `aa.auth`), read for file downloads.
const tokens = storageTokenStore(
  (() => {
    try {
      return window.localStorage;
    } catch {
      return memoryStorage();
    }
  })(),
);

async function fetchFile(path: string): Promise<Response> {
  const token = tokens.get()?.accessToken;
  try {
    return await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch (e) {
    throw new ApiError(0, 'NETWORK_ERROR', e instanceof Error ? e.message : 'The request failed.');
  }
}

async function failure(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
  return body?.code
    ? new ApiError(res.status, body.code as ApiError['code'], body.message ?? '')
    : new ApiError(res.status, 'BAD_RESPONSE', `Unexpected response (HTTP ${res.status}).`);
}

/**
 * A file the api only gives to a signed-in person (certificate PDF, CSV export), as a Blob. The
 * app's JSON client cannot carry binary bodies; when the access token has expired, one cheap call
 * through that client renews it (single flight, shared with every tab) and the download is retried.
 */
export async function downloadBlob(path: string): Promise<Blob> {
  let res = await fetchFile(path);
  if (res.status === 401) {
    const error = await failure(res);
    if (error.code !== 'AUTH_TOKEN_EXPIRED') throw error;
    await apiClient.get('/api/auth/me');
    res = await fetchFile(path);
  }
  if (!res.ok) throw await failure(res);
  return res.blob();
}

/** Hands a Blob to the browser as a download with the given file name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // the click has started the download by the time the next task runs
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const isNotFound = (e: unknown): boolean =>
  isApiError(e) && (e.code === 'NOT_FOUND' || e.code === 'CERTIFICATE_NOT_FOUND');
