import { Button, Space, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { decryptDocument, digestSha256Hex, keyFromHex } from '../../../domain/sealing';
import type { Bid } from '../../../schemas/bid';
import { Digest } from './digest';
import { ProblemAlert } from './problem-alert';
import { showFileSize } from './public-documents';
import { EmptyNote } from './public-rows';
import { ToneTag } from './public-tags';

/** What the component needs of one sealed document: as the session and the bid list both give it. */
export type SealedDocumentRef = Pick<Bid['documents'][number], 'id' | 'fileName' | 'sha256' | 'size'>;

/**
 * Fetches the sealed bytes of one document of the bid (the caller's service: a link, then the bytes).
 *
 * Why a function: the expert's and the purchaser's pages reach the same document through their own
 * service modules, and this component calls none.
 */
export type FetchSealedDocument = (documentId: string, signal: AbortSignal) => Promise<Uint8Array>;

/** Props of {@link DecryptedBidDocuments}. */
export interface DecryptedBidDocumentsProps {
  /** The bid's sealed documents with the SHA-256 its receipt's manifest vouches for. */
  documents: readonly SealedDocumentRef[];
  /** The bid key revealed at the opening (64 hex digits), or null/undefined when none was revealed. */
  keyHex: string | null | undefined;
  /** Fetches one document's sealed bytes. */
  fetchDocument: FetchSealedDocument;
  /** Who bid, for the list's accessible name (e.g. the supplier's name). */
  bidderName?: string;
}

/** Where one document's fetch, check and decryption stand. */
type DocumentState =
  | { step: 'busy' }
  | { step: 'verified'; url: string; plainSha256: string; plainSize: number }
  | { step: 'mismatch'; actual: string }
  | { step: 'undecryptable' }
  | { step: 'failed'; error: unknown };

/** Fetches, hashes and decrypts one document; the plaintext is handed back as a Blob URL. */
async function openDocument(
  doc: SealedDocumentRef,
  keyHex: string,
  fetchDocument: FetchSealedDocument,
  signal: AbortSignal,
): Promise<DocumentState> {
  const sealed = await fetchDocument(doc.id, signal);
  const actual = await digestSha256Hex(sealed);
  if (actual !== doc.sha256.toLowerCase()) return { step: 'mismatch', actual };
  let plain: Uint8Array<ArrayBuffer>;
  try {
    plain = await decryptDocument(sealed, keyFromHex(keyHex));
  } catch {
    return { step: 'undecryptable' };
  }
  const plainSha256 = await digestSha256Hex(plain);
  const url = URL.createObjectURL(new Blob([plain], { type: 'application/octet-stream' }));
  return { step: 'verified', url, plainSha256, plainSize: plain.byteLength };
}

/** One document: fetched, checked and decrypted as soon as it shows, with the outcome in words. */
function DocumentRow({
  doc,
  keyHex,
  fetchDocument,
}: {
  doc: SealedDocumentRef;
  keyHex: string;
  fetchDocument: FetchSealedDocument;
}) {
  const [state, setState] = useState<DocumentState>({ step: 'busy' });
  const [attempt, setAttempt] = useState(0);
  // The latest fetcher and document, so a caller's fresh function or object each render does not
  // fetch and decrypt again; what the check depends on is the id, the digest and the key.
  const latest = useRef({ doc, fetchDocument });
  latest.current = { doc, fetchDocument };
  const { id, sha256 } = doc;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the check on 重试
  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    setState({ step: 'busy' });
    const { doc: current, fetchDocument: fetchNow } = latest.current;
    openDocument({ ...current, id, sha256 }, keyHex, fetchNow, controller.signal).then(
      (next) => {
        if (next.step === 'verified') url = next.url;
        if (controller.signal.aborted) {
          if (url) URL.revokeObjectURL(url);
          return;
        }
        setState(next);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ step: 'failed', error });
      },
    );
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [id, sha256, keyHex, attempt]);

  return (
    <li style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
            {doc.fileName}
          </Typography.Text>
          <span>密文 {showFileSize(doc.size)}</span>
          {state.step === 'busy' && (
            <span>
              <Spin size="small" /> 正在下载、校验并解密…
            </span>
          )}
          {state.step === 'verified' && (
            <ToneTag tone="green">已校验：与投标回执登记的 SHA-256 一致，已解密</ToneTag>
          )}
          {state.step === 'mismatch' && (
            <ToneTag tone="red">校验失败：密文与投标回执登记的 SHA-256 不一致</ToneTag>
          )}
          {state.step === 'undecryptable' && <ToneTag tone="red">无法解密：投标密钥与该文件不符</ToneTag>}
          {state.step === 'failed' && <ToneTag tone="red">下载失败</ToneTag>}
        </Space>
        <div>
          登记的密文 SHA-256：
          <Digest value={doc.sha256} label={`${doc.fileName} 登记的密文 SHA-256`} />
        </div>
        {state.step === 'verified' && (
          <>
            <div>
              解密后文件 {showFileSize(state.plainSize)}，SHA-256：
              <Digest value={state.plainSha256} label={`${doc.fileName} 解密后的 SHA-256`} />
            </div>
            <div>
              <a href={state.url} download={doc.fileName}>
                下载解密后的文件：{doc.fileName}
              </a>
            </div>
          </>
        )}
        {state.step === 'mismatch' && (
          <div role="alert">
            下载所得密文的 SHA-256：
            <Digest value={state.actual} label={`${doc.fileName} 下载所得的 SHA-256`} />
            <div>该文件未解密。请勿采信该文件，并向交易中心反映（存储的投标文件可能被篡改）。</div>
          </div>
        )}
        {state.step === 'undecryptable' && (
          <div role="alert">密文与登记一致，但用开标时公开的投标密钥无法解密。请向交易中心反映。</div>
        )}
        {state.step === 'failed' && (
          <>
            <ProblemAlert error={state.error} />
            <div>
              <Button onClick={() => setAttempt((n) => n + 1)}>重试：{doc.fileName}</Button>
            </div>
          </>
        )}
      </Space>
    </li>
  );
}

/**
 * A revealed bid's documents, each fetched, re-hashed against the SHA-256 its receipt vouches for
 * and decrypted in the browser with the key revealed at the opening, with a download of the plaintext.
 *
 * Why in the browser: documents stay encrypted at rest (DESIGN.md §4); whoever reads them checks
 * for themselves that the bytes are the ones the bidder sealed, without trusting the storage.
 */
export function DecryptedBidDocuments({
  documents,
  keyHex,
  fetchDocument,
  bidderName,
}: DecryptedBidDocumentsProps) {
  if (documents.length === 0) return <EmptyNote text="该投标没有登记投标文件。" />;
  if (!keyHex) {
    return <EmptyNote text="该投标的密钥未在开标时公开，投标文件无法解密。" />;
  }
  return (
    <ul
      aria-label={bidderName ? `${bidderName} 的投标文件` : '投标文件'}
      style={{ listStyle: 'none', margin: 0, padding: 0 }}
    >
      {documents.map((doc) => (
        <DocumentRow key={doc.id} doc={doc} keyHex={keyHex} fetchDocument={fetchDocument} />
      ))}
    </ul>
  );
}
