import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { digestSha256Hex } from '../../../domain/sealing';
import { saveBlob } from '../lib/save-file';
import { getTenderDocument } from '../services/public';
import type { PublicTender } from '../services/tender-types';
import { Digest } from './digest';
import { ProblemAlert } from './problem-alert';
import { EmptyNote } from './public-rows';
import { ToneTag } from './public-tags';

/** A document of a published tender. */
type TenderDocument = PublicTender['documents'][number];

/** Shows a size in bytes as KB or MB (1024-based, one decimal), e.g. "12.4 KB". */
export function showFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Where one document's download and check stand. */
type CheckState =
  | { step: 'idle' }
  | { step: 'busy' }
  | { step: 'verified' }
  | { step: 'mismatch'; actual: string }
  | { step: 'failed'; error: unknown };

/** Fetches a document through its presigned link, hashes it in the browser and saves it. */
async function downloadAndCheck(tenderId: string, doc: TenderDocument): Promise<CheckState> {
  const link = await getTenderDocument(tenderId, doc.id);
  const response = await fetch(link.url);
  if (!response.ok) throw new Error(`下载失败：存储服务返回 HTTP ${response.status}，请稍后重试`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const actual = await digestSha256Hex(bytes);
  if (actual !== doc.sha256) return { step: 'mismatch', actual };
  saveBlob(new Blob([bytes], { type: doc.contentType || 'application/octet-stream' }), doc.fileName);
  return { step: 'verified' };
}

/** One document: name, size, digest, and its 下载并校验 button with the outcome. */
function DocumentRow({ tenderId, doc }: { tenderId: string; doc: TenderDocument }) {
  const [state, setState] = useState<CheckState>({ step: 'idle' });
  const run = () => {
    setState({ step: 'busy' });
    downloadAndCheck(tenderId, doc).then(setState, (error: unknown) => setState({ step: 'failed', error }));
  };
  return (
    <li style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
            {doc.fileName}
          </Typography.Text>
          <span>{showFileSize(doc.size)}</span>
          {state.step === 'verified' && <ToneTag tone="green">已校验：与公布的 SHA-256 一致</ToneTag>}
          {state.step === 'mismatch' && <ToneTag tone="red">校验失败：文件与公布的 SHA-256 不一致</ToneTag>}
        </Space>
        <div>
          SHA-256：
          <Digest value={doc.sha256} label="公布的 SHA-256" />
        </div>
        {state.step === 'mismatch' && (
          <div role="alert">
            下载所得文件的 SHA-256：
            <Digest value={state.actual} label="下载所得的 SHA-256" />
            <div>文件未保存。请勿使用该文件，并向交易中心反映。</div>
          </div>
        )}
        {state.step === 'failed' && <ProblemAlert error={state.error} />}
        <Button onClick={run} loading={state.step === 'busy'} aria-label={`下载并校验 ${doc.fileName}`}>
          下载并校验
        </Button>
      </Space>
    </li>
  );
}

/**
 * The tender's documents (采购文件): each downloaded in the browser and checked against the SHA-256
 * the tender publishes before it is saved.
 *
 * Why check in the browser: the supplier need not trust the storage or the link; the digest on the
 * notice is what the purchaser published and the audit chain sealed.
 */
export function PublicDocuments({ tender }: { tender: PublicTender }) {
  const documents = tender.documents.filter((doc) => doc.active);
  if (documents.length === 0) return <EmptyNote text="该项目暂无公开的采购文件。" />;
  return (
    <>
      <Typography.Paragraph style={{ color: 'rgba(0, 0, 0, 0.65)' }}>
        点击“下载并校验”后，浏览器先计算文件的 SHA-256，与平台公布的值一致才保存文件。
      </Typography.Paragraph>
      <ul aria-label="采购文件" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {documents.map((doc) => (
          <DocumentRow key={doc.id} tenderId={tender.id} doc={doc} />
        ))}
      </ul>
    </>
  );
}
