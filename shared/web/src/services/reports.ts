import { ProblemSchema } from '../../../schemas/common';
import { ApiProblemError, callApi, type Problem, type ResponseOf, withQuery } from '../lib/api';

/** The trade report of a year or a month, as the API answers it (figures in 分 and formatted). */
export type TradeReportView = ResponseOf<'getTradeReport'>;
/** One line of a breakdown (a month, a category, a method, a purchasing unit, a trade type). */
export type ReportLineView = TradeReportView['breakdowns']['byMonth'][number];
/** The target as saved. */
export type TargetView = ResponseOf<'putTarget'>;

/** Which report: a year, or one month of it. */
export interface ReportPeriod {
  /** The year, e.g. 2022. */
  year: number;
  /** 1–12 for one month; undefined for the whole year. */
  month?: number | undefined;
}

/** The two export formats and what the API calls them. */
export type ReportFileFormat = 'csv' | 'xlsx';

/** Reads the trade report of a period: totals, breakdowns and the year's target. */
export async function fetchTradeReport(period: ReportPeriod, signal?: AbortSignal): Promise<TradeReportView> {
  return (
    await callApi('getTradeReport', '/api/reports/trade', {
      query: { year: period.year, month: period.month },
      signal,
    })
  ).data;
}

/** Sets a year's target number of projects (目标项目数). */
export async function saveTarget(year: number, projects: number): Promise<TargetView> {
  return (await callApi('putTarget', `/api/reports/targets/${year}`, { method: 'PUT', body: { projects } }))
    .data;
}

/** The Chinese file name of an export, e.g. 交易统计报表-2022年.xlsx or 交易统计报表-2022年3月.csv. */
export function reportFileName(period: ReportPeriod, format: ReportFileFormat): string {
  const span = period.month === undefined ? `${period.year}年` : `${period.year}年${period.month}月`;
  return `交易统计报表-${span}.${format}`;
}

/** The export routes by format (operationId and path, as in the route table). */
const REPORT_FILES = {
  csv: { operationId: 'getTradeReportCsv', path: '/api/reports/trade.csv' },
  xlsx: { operationId: 'getTradeReportXlsx', path: '/api/reports/trade.xlsx' },
} as const;

/**
 * Downloads the report of a period as CSV or as an Excel workbook, with the bearer token.
 *
 * Why not `callApi`: it reads JSON, and the workbook is bytes; a failure is still read as the API's
 * problem, so the page shows it like every other error.
 */
export async function fetchTradeReportFile(
  period: ReportPeriod,
  format: ReportFileFormat,
  token: string,
): Promise<Blob> {
  const file = REPORT_FILES[format];
  let response: Response;
  try {
    response = await fetch(withQuery(file.path, { year: period.year, month: period.month }), {
      headers: { authorization: `Bearer ${token}` },
    });
  } catch (error) {
    throw new ApiProblemError(
      0,
      {
        type: 'urn:ggzy-portal:problem:network',
        title: '网络错误 / Network error',
        status: 0,
        detail: '无法连接服务器 / cannot reach the server',
        title_zh: '网络错误',
        title_en: 'Network error',
        detail_zh: '无法连接服务器，请检查网络后重试',
        detail_en: 'Cannot reach the server',
      } as Problem,
      { cause: error },
    );
  }
  if (!response.ok) {
    const text = await response.text();
    let problem: Problem | undefined;
    try {
      const parsed = ProblemSchema.loose().safeParse(JSON.parse(text));
      if (parsed.success) problem = parsed.data;
    } catch {
      // not JSON: described below
    }
    throw new ApiProblemError(
      response.status,
      problem ??
        ({
          type: 'about:blank',
          title: `HTTP ${response.status}`,
          status: response.status,
          detail: text.slice(0, 200),
          title_zh: `下载失败（HTTP ${response.status}）`,
          title_en: `HTTP ${response.status}`,
          detail_zh: `${file.operationId === 'getTradeReportXlsx' ? 'Excel' : 'CSV'} 报表未能下载，请稍后重试`,
          detail_en: 'The report file could not be downloaded',
        } as Problem),
    );
  }
  return response.blob();
}
