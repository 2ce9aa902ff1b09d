/**
 * The one error hierarchy of the portal.
 *
 * Every error a user can cause is an {@link AppError} with an HTTP status, a stable `type` slug and a
 * message in Chinese and English, so the problem+json middleware can answer without guessing. Anything
 * else that escapes a handler is an internal error and is answered as a bare 500 that leaks nothing.
 */

/** A message in both languages the portal speaks. */
export interface BilingualText {
  /** Chinese text, shown first. */
  zh: string;
  /** English text. */
  en: string;
}

/** One field-level problem, with the path into the request (e.g. `body.timeline.bidDeadline`). */
export interface FieldIssue {
  /** Dotted path of the offending field. */
  path: string;
  /** What is wrong, in both languages. */
  message: BilingualText;
  /** The rule id, when a rule of the rules table was broken. */
  rule?: string;
  /** The legal citation of that rule. */
  citation?: string;
}

/** Options every application error accepts. */
export interface AppErrorOptions {
  /** The underlying error, kept for logs and never sent to the client. */
  cause?: unknown;
  /** Field-level issues, rendered as the `errors` list of problem+json. */
  errors?: FieldIssue[];
  /** Extra members to put on the problem document (must be safe to show). */
  extensions?: Record<string, unknown>;
}

/** Base class: an error that maps to a client-visible problem. */
export class AppError extends Error {
  /** HTTP status the error maps to. */
  readonly status: number;
  /** Stable slug appended to the problem `type` URI. */
  readonly type: string;
  /** Short title in both languages. */
  readonly title: BilingualText;
  /** The detail, in both languages. */
  readonly detail: BilingualText;
  /** Field-level issues, if any. */
  readonly errors: FieldIssue[];
  /** Safe extra members. */
  readonly extensions: Record<string, unknown>;

  constructor(
    status: number,
    type: string,
    title: BilingualText,
    detail: BilingualText,
    options: AppErrorOptions = {},
  ) {
    super(`${detail.en} / ${detail.zh}`, { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.type = type;
    this.title = title;
    this.detail = detail;
    this.errors = options.errors ?? [];
    this.extensions = options.extensions ?? {};
  }
}

/** Input that fails validation (400). */
export class ValidationError extends AppError {
  constructor(detail: BilingualText, errors: FieldIssue[] = [], options: AppErrorOptions = {}) {
    super(400, 'validation', { zh: '请求参数无效', en: 'Invalid request' }, detail, { ...options, errors });
  }
}

/** The caller is not signed in or the token is invalid (401). */
export class UnauthorizedError extends AppError {
  constructor(
    detail: BilingualText = { zh: '需要登录', en: 'Authentication required' },
    options: AppErrorOptions = {},
  ) {
    super(401, 'unauthorized', { zh: '未认证', en: 'Unauthorized' }, detail, options);
  }
}

/** The caller is signed in but may not do this (403). */
export class ForbiddenError extends AppError {
  constructor(
    detail: BilingualText = { zh: '无权执行此操作', en: 'You may not do this' },
    options: AppErrorOptions = {},
  ) {
    super(403, 'forbidden', { zh: '禁止访问', en: 'Forbidden' }, detail, options);
  }
}

/** The thing does not exist, or the caller may not know it exists (404). */
export class NotFoundError extends AppError {
  constructor(what: BilingualText, options: AppErrorOptions = {}) {
    super(
      404,
      'not-found',
      { zh: '未找到', en: 'Not found' },
      { zh: `${what.zh}不存在`, en: `${what.en} not found` },
      options,
    );
  }
}

/** A concurrent change won, or an idempotency key was reused with another body (409). */
export class ConflictError extends AppError {
  constructor(detail: BilingualText, options: AppErrorOptions = {}) {
    super(409, 'conflict', { zh: '冲突', en: 'Conflict' }, detail, options);
  }
}

/** The lifecycle does not allow this action in the tender's current state (409). */
export class IllegalTransitionError extends AppError {
  constructor(from: string, action: string, options: AppErrorOptions = {}) {
    super(
      409,
      'illegal-transition',
      { zh: '当前状态不允许此操作', en: 'Action not allowed in the current state' },
      {
        zh: `项目处于“${from}”状态，不能执行“${action}”`,
        en: `A tender in state '${from}' cannot '${action}'`,
      },
      { ...options, extensions: { ...options.extensions, from, action } },
    );
  }
}

/** The request is well-formed but breaks a rule of the rules table (422); every issue names its rule. */
export class RuleViolationError extends AppError {
  constructor(errors: FieldIssue[], options: AppErrorOptions = {}) {
    const first = errors[0];
    super(
      422,
      'rule-violation',
      { zh: '不符合采购规则', en: 'Procurement rule violated' },
      first
        ? {
            zh: `${first.message.zh}（${first.citation ?? first.rule ?? ''}）${errors.length > 1 ? `等${errors.length}项` : ''}`,
            en: `${first.message.en} (${first.citation ?? first.rule ?? ''})${errors.length > 1 ? ` and ${errors.length - 1} more` : ''}`,
          }
        : { zh: '不符合采购规则', en: 'Procurement rule violated' },
      { ...options, errors },
    );
  }
}

/** A precondition the server checks failed, e.g. an uploaded document does not match its hash (422). */
export class UnprocessableError extends AppError {
  constructor(type: string, detail: BilingualText, options: AppErrorOptions = {}) {
    super(422, type, { zh: '无法处理', en: 'Unprocessable' }, detail, options);
  }
}

/** An Idempotency-Key was already used by the same organisation (the caller replays or refuses). */
export class IdempotencyKeyUsedError extends ConflictError {
  constructor(options: AppErrorOptions = {}) {
    super(
      {
        zh: '该 Idempotency-Key 已用于另一个请求',
        en: 'This Idempotency-Key was already used for a different request',
      },
      options,
    );
  }
}

/** An If-Match precondition names a version that is no longer current (412). */
export class PreconditionFailedError extends AppError {
  constructor(detail: BilingualText, options: AppErrorOptions = {}) {
    super(412, 'precondition-failed', { zh: '前提条件不满足', en: 'Precondition failed' }, detail, options);
  }
}
