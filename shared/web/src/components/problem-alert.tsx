import { Alert } from 'antd';
import { ApiProblemError } from '../lib/api';

/** The Chinese half of a "中文 / English" text. */
function chinese(text: string): string {
  const at = text.indexOf(' / ');
  return at < 0 ? text : text.slice(0, at);
}

/** A failure as the user reads it: title, what happened, each field with its rule and citation. */
export interface DescribedProblem {
  /** The headline. */
  title: string;
  /** What happened and what to do. */
  detail: string;
  /** One line per field issue: "字段：说明（规则 · 出处）". */
  lines: string[];
  /** The HTTP status (0 for the network, -1 for an error in the page itself). */
  status: number;
}

/**
 * Describes any error for a person: an API problem in Chinese with its rule and citation, anything else
 * as a plain sentence.
 */
export function describeProblem(error: unknown): DescribedProblem {
  if (error instanceof ApiProblemError) {
    const p = error.problem;
    const lines = (p.errors ?? []).map((issue) => {
      const source = [issue.rule, issue.citation].filter(Boolean).join(' · ');
      const field = issue.path ? `${issue.path}：` : '';
      return `${field}${issue.message_zh ?? chinese(issue.message)}${source ? `（${source}）` : ''}`;
    });
    const topSource = [p.rule, p.citation].filter((x): x is string => typeof x === 'string').join(' · ');
    return {
      title: p.title_zh ?? chinese(p.title),
      detail: `${p.detail_zh ?? chinese(p.detail)}${topSource ? `（${topSource}）` : ''}`,
      lines,
      status: error.status,
    };
  }
  return {
    title: '操作未完成',
    detail: error instanceof Error ? error.message : String(error),
    lines: [],
    status: -1,
  };
}

/** Shows an error in Chinese with its rule and citation; nothing when there is no error. */
export function ProblemAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  if (!error) return null;
  const problem = describeProblem(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={problem.title}
      description={
        <div>
          <div>{problem.detail}</div>
          {problem.lines.length > 0 && (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {problem.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      }
      {...(onClose ? { closable: true, onClose } : {})}
      style={{ marginBottom: 16 }}
    />
  );
}
