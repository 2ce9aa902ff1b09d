import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Progress, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { digestSha256Hex } from '../../../../domain/sealing';
import { AddDocumentBodySchema } from '../../../../schemas/tender';
import { Digest } from '../../components/digest';
import { ProblemAlert } from '../../components/problem-alert';
import { showFileSize } from '../../components/public-documents';
import { EmptyNote } from '../../components/public-rows';
import { ToneTag } from '../../components/public-tags';
import { SupplierHint as Hint } from '../../components/supplier-hint';
import { showBeijing } from '../../lib/time';
import { declareTenderDocument, type OwnTender, type OwnTenderDocument } from '../../services/purchaser';
import { uploadSealedFile } from '../../services/supplier';

/** Where one chosen file stands: hashed in the browser, declared, uploaded. */
interface UploadRow {
  key: string;
  name: string;
  size: number;
  sha256: string | null;
  stage: 'hashing' | 'declaring' | 'uploading' | 'done' | 'failed';
  percent: number;
  error: unknown;
}

/** The stage of an upload in words. */
const STAGE_TEXT: Readonly<Record<UploadRow['stage'], string>> = {
  hashing: '正在计算 SHA-256…',
  declaring: '正在登记文件…',
  uploading: '正在上传…',
  done: '已上传',
  failed: '未完成',
};

/** What the server would refuse in a file, checked before anything is sent (the declaration's schema). */
function checkFile(file: File): string | null {
  if (!AddDocumentBodySchema.shape.fileName.safeParse(file.name).success)
    return `文件名“${file.name}”不可用：须为 1–200 个字符，不能含路径或控制字符`;
  if (file.size === 0) return `文件“${file.name}”是空文件`;
  if (!AddDocumentBodySchema.shape.size.safeParse(file.size).success) return `文件“${file.name}”超过 200 MB`;
  return null;
}

/** A stored document's status in words (with the tag's text, never colour alone). */
function DocumentStatus({ doc, published }: { doc: OwnTenderDocument; published: boolean }) {
  if (doc.status === 'verified')
    return <ToneTag tone="green">已校验{doc.verifiedAt ? `（${showBeijing(doc.verifiedAt)}）` : ''}</ToneTag>;
  if (published && !doc.active) return <ToneTag tone="orange">待更正公告加入</ToneTag>;
  return <ToneTag tone="blue">已登记，发布时由服务器按 SHA-256 校验</ToneTag>;
}

/**
 * 采购文件: the tender's documents with their SHA-256, and the uploader. The browser hashes each chosen
 * file (SHA-256, the digest the server checks the stored bytes against), declares it, and uploads the
 * bytes to the presigned URL with progress. In a published tender a new document waits for a
 * correction notice to join.
 */
export function TenderDocuments({ tender }: { tender: OwnTender }) {
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<UploadRow[]>([]);
  const [refused, setRefused] = useState<string[]>([]);
  const published = tender.status !== 'draft';
  const open = tender.status === 'draft' || tender.status === 'tendering';
  const update = (key: string, change: Partial<UploadRow>) =>
    setRows((list) => list.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const send = async (file: File) => {
    const key = `${file.name}-${file.size}-${file.lastModified}-${Math.random()}`;
    setRows((list) => [
      ...list,
      { key, name: file.name, size: file.size, sha256: null, stage: 'hashing', percent: 0, error: null },
    ]);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const sha256 = await digestSha256Hex(bytes);
      update(key, { sha256, stage: 'declaring' });
      const declared = await declareTenderDocument(tender.id, {
        fileName: file.name,
        contentType: file.type.length >= 3 ? file.type : 'application/octet-stream',
        size: file.size,
        sha256,
      });
      update(key, { stage: 'uploading' });
      await uploadSealedFile(declared.upload, bytes, (percent) => update(key, { percent }));
      update(key, { stage: 'done', percent: 100 });
    } catch (error) {
      update(key, { stage: 'failed', error });
    } finally {
      void queryClient.invalidateQueries({ queryKey: ['purchaser'] });
    }
  };

  const documents = tender.documents;
  const stored = new Set(documents.map((d) => d.sha256));
  const pending = rows.filter((row) => row.stage !== 'done' || !row.sha256 || !stored.has(row.sha256));
  return (
    <>
      {documents.length === 0 ? (
        <EmptyNote text="尚未上传采购文件。发布前须上传至少一份招标（采购）文件。" />
      ) : (
        <ul aria-label="已登记的采购文件" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {documents.map((doc) => (
            <li key={doc.id} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Space wrap size={8}>
                <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                  {doc.fileName}
                </Typography.Text>
                <span>{showFileSize(doc.size)}</span>
                <DocumentStatus doc={doc} published={published} />
              </Space>
              <div style={{ marginTop: 4 }}>SHA-256（服务器按此核对）：</div>
              <Digest value={doc.sha256} label={`${doc.fileName} 的 SHA-256`} />
            </li>
          ))}
        </ul>
      )}
      {pending.length > 0 && (
        <ul aria-label="上传进度" style={{ listStyle: 'none', margin: '12px 0 0', padding: 0 }}>
          {pending.map((row) => (
            <li key={row.key} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Space wrap size={8}>
                <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                  {row.name}
                </Typography.Text>
                <span>{showFileSize(row.size)}</span>
                <span>{STAGE_TEXT[row.stage]}</span>
              </Space>
              {row.sha256 && (
                <>
                  <div style={{ marginTop: 4 }}>本机计算的 SHA-256：</div>
                  <Digest value={row.sha256} label={`${row.name} 本机计算的 SHA-256`} />
                </>
              )}
              {(row.stage === 'uploading' || row.stage === 'done') && (
                <Progress percent={row.percent} size="small" aria-label={`${row.name} 上传进度`} />
              )}
              {row.stage === 'failed' && <ProblemAlert error={row.error} />}
            </li>
          ))}
        </ul>
      )}
      {refused.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title="这些文件不能上传"
          description={refused.join('；')}
          style={{ marginTop: 12 }}
          closable
          onClose={() => setRefused([])}
        />
      )}
      {open && (
        <div style={{ marginTop: 12 }}>
          <Upload
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              const problem = checkFile(file);
              if (problem) setRefused((list) => [...list, problem]);
              else void send(file);
              return false;
            }}
          >
            <Button>选择文件并上传</Button>
          </Upload>
          <div style={{ marginTop: 8 }}>
            <Hint>
              文件先在本浏览器中计算 SHA-256
              再上传；服务器发布时按此哈希逐一核对存储的文件，不一致则拒绝发布。
              {published ? '已发布项目新增的文件须通过更正公告加入。' : ''}每个文件不超过 200 MB，每个项目最多
              20 个。
            </Hint>
          </div>
        </div>
      )}
    </>
  );
}
