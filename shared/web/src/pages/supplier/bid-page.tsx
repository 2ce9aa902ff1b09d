import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Progress,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { type SealedBid, sealBid } from '../../../../domain/sealing';
import { BidDocumentDeclarationSchema, CreateBidBodySchema } from '../../../../schemas/bid';
import { BID_KEY_FILE_FORMAT, type BidKeyFile } from '../../../../schemas/bid-key-file';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { ToneTag } from '../../components/public-tags';
import { SupplierBidReceipt } from '../../components/supplier-bid-receipt';
import { SupplierHint } from '../../components/supplier-hint';
import { SupplierTenderActions } from '../../components/supplier-tender-actions';
import {
  acceptsBids,
  SupplierTenderHeader,
  useSupplierTender,
} from '../../components/supplier-tender-header';
import { attachBidId, bidKeyFileName, downloadJson, storeBidKey } from '../../lib/bid-keys';
import { amountRules } from '../../lib/form-rules';
import { readYuan, showYuan } from '../../lib/money';
import { serverNow } from '../../lib/server-clock';
import { useSession } from '../../lib/session';
import { showBeijing } from '../../lib/time';
import {
  BID_STATUS_LABELS,
  type BidReceiptView,
  createBid,
  fetchMyBids,
  type MyBid,
  reconfirmBid,
  submitBid,
  uploadSealedFile,
  withdrawBid,
} from '../../services/supplier';

/** The bytes GGZ1 ‖ IV ‖ tag add to every document when it is sealed. */
const SEAL_OVERHEAD = 4 + 12 + 16;

/** Shows a byte count as people read it. */
function showBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * What the server would refuse in these files, checked before anything is sealed or sent: the very
 * schema of the declaration (name, sealed size) and of the list (how many).
 */
export function checkBidFiles(files: File[]): string[] {
  const problems: string[] = [];
  if (files.length === 0) problems.push('请至少选择一个投标文件');
  for (const file of files) {
    if (!BidDocumentDeclarationSchema.shape.fileName.safeParse(file.name).success)
      problems.push(`文件名“${file.name}”不可用：须为 1–200 个字符，不能含路径或控制字符`);
    if (file.size === 0) problems.push(`文件“${file.name}”是空文件`);
    else if (!BidDocumentDeclarationSchema.shape.size.safeParse(file.size + SEAL_OVERHEAD).success)
      problems.push(`文件“${file.name}”过大：加密后每个文件不得超过 200 MB`);
  }
  const names = files.map((f) => f.name);
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i)))
    problems.push(`文件名“${name}”重复，请改名后再选`);
  const placeholders = files.map(() => ({ fileName: 'x', size: 33, sha256: '0'.repeat(64) }));
  if (files.length > 0 && !CreateBidBodySchema.shape.documents.safeParse(placeholders).success)
    problems.push('投标文件数量超过上限：每次投标最多 20 个文件');
  return problems;
}

/** A bordered list of rows (files, progress). */
const ROW_LIST = {
  listStyle: 'none',
  margin: '0 0 16px',
  padding: 0,
  border: '1px solid #d9d9d9',
  borderRadius: 4,
} as const;
/** One row of {@link ROW_LIST}. */
const ROW = {
  display: 'flex',
  alignItems: 'center',
  gap: 8,
  padding: '8px 12px',
  borderBottom: '1px solid #f0f0f0',
} as const;

/** The progress of one file through 加密 → 上传 → 校验. */
interface FileRow {
  name: string;
  plainSize: number;
  sealedSize: number;
  /** 1: encrypted, 2: uploaded, 3: verified by the submit. */
  done: number;
  percent: number;
  failed: boolean;
}

/** A sealed bid waiting to be sent, with its key file. */
interface Sealing {
  sealed: SealedBid;
  keyFile: BidKeyFile;
  rows: FileRow[];
}

/** 投标: choose files, type the price, seal in the browser, save the key file, then send. */
function BidPageContent() {
  const { tenderId = '' } = useParams();
  const { user } = useSession();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const tender = useSupplierTender(tenderId);
  const bids = useQuery({
    queryKey: ['supplier', 'my-bids', tenderId],
    queryFn: ({ signal }) => fetchMyBids(tenderId, signal),
  });
  const [form] = Form.useForm<{ price: string }>();
  const priceText = Form.useWatch('price', form);
  const [files, setFiles] = useState<File[]>([]);
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  const [sealing, setSealing] = useState<Sealing | null>(null);
  const [sealingBusy, setSealingBusy] = useState(false);
  const [sealError, setSealError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [receipt, setReceipt] = useState<BidReceiptView | null>(null);

  const updateRow = (index: number, change: Partial<FileRow>) =>
    setSealing((current) =>
      current
        ? { ...current, rows: current.rows.map((row, i) => (i === index ? { ...row, ...change } : row)) }
        : current,
    );

  const send = useMutation({
    mutationFn: async (current: Sealing) => {
      const { sealed } = current;
      const created = await createBid(
        tenderId,
        {
          priceCommitment: sealed.priceCommitment,
          keyCommitment: sealed.keyCommitment,
          documents: sealed.documents.map((d) => ({ fileName: d.name, sha256: d.sha256, size: d.size })),
        },
        `bid-${sealed.keyCommitment}`,
      );
      const keyFile = await attachBidId(current.keyFile, created.bid.id);
      setSealing((s) => (s ? { ...s, keyFile } : s));
      for (const [index, document] of sealed.documents.entries()) {
        const upload = created.uploads.find((u) => u.fileName === document.name) ?? created.uploads[index];
        if (!upload) throw new Error(`服务器未给出“${document.name}”的上传地址`);
        try {
          await uploadSealedFile(upload, document.sealed, (percent) => updateRow(index, { percent }));
          updateRow(index, { done: 2, percent: 100 });
        } catch (error) {
          updateRow(index, { failed: true });
          throw error;
        }
      }
      const answer = await submitBid(tenderId, created.bid.id);
      setSealing((s) => (s ? { ...s, rows: s.rows.map((row) => ({ ...row, done: 3 })) } : s));
      return answer;
    },
    onSuccess: (answer) => {
      setReceipt(answer);
      void queryClient.invalidateQueries({ queryKey: ['supplier', 'my-bids', tenderId] });
      void queryClient.invalidateQueries({ queryKey: ['supplier', 'projects'] });
    },
  });

  const withdraw = useMutation({
    mutationFn: (bidId: string) => withdrawBid(tenderId, bidId),
    onSuccess: () => {
      message.success('投标已撤回');
      void queryClient.invalidateQueries({ queryKey: ['supplier', 'my-bids', tenderId] });
    },
  });
  const reconfirm = useMutation({
    mutationFn: (bidId: string) => reconfirmBid(tenderId, bidId),
    onSuccess: () => {
      message.success('已重新确认投标');
      void queryClient.invalidateQueries({ queryKey: ['supplier', 'my-bids', tenderId] });
    },
  });

  if (tender.isPending) return <PageLoading />;
  if (!tender.data) return <ProblemAlert error={tender.error} />;
  const open = acceptsBids(tender.data, serverNow());
  const current = (bids.data ?? []).find((bid) => bid.current && bid.status === 'submitted');

  const seal = async () => {
    setSealError(null);
    const problems = checkBidFiles(files);
    setFileProblems(problems);
    let price: string;
    try {
      price = (await form.validateFields()).price;
    } catch {
      return;
    }
    const reading = readYuan(price);
    if (problems.length > 0 || !reading.ok || !user) return;
    setSealingBusy(true);
    try {
      const documents = await Promise.all(
        files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })),
      );
      const sealed = await sealBid({ tenderId, supplierId: user.orgId, priceFen: reading.fen, documents });
      const keyFile: BidKeyFile = {
        format: BID_KEY_FILE_FORMAT,
        tenderId,
        supplierId: user.orgId,
        bidId: null,
        priceFen: reading.fen,
        keyHex: sealed.keyHex,
        nonce: sealed.nonce,
        priceCommitment: sealed.priceCommitment,
        keyCommitment: sealed.keyCommitment,
        documents: sealed.documents.map((d) => ({ name: d.name, sha256: d.sha256, size: d.size })),
        createdAt: new Date().toISOString(),
      };
      await storeBidKey(keyFile);
      downloadJson(bidKeyFileName(keyFile), keyFile);
      setSaved(false);
      setReceipt(null);
      send.reset();
      setSealing({
        sealed,
        keyFile,
        rows: sealed.documents.map((d, i) => ({
          name: d.name,
          plainSize: files[i]?.size ?? 0,
          sealedSize: d.size,
          done: 1,
          percent: 0,
          failed: false,
        })),
      });
    } catch (error) {
      setSealError(error);
    } finally {
      setSealingBusy(false);
    }
  };

  const startOver = () => {
    setSealing(null);
    setReceipt(null);
    setFiles([]);
    setSaved(false);
    send.reset();
    form.resetFields();
  };

  const confirmWithdraw = (bid: MyBid) =>
    modal.confirm({
      title: '确认撤回投标？',
      content: '撤回后该投标不参加开标；截止前仍可重新递交新的投标（87号令第三十四条）。',
      okText: '撤回投标',
      cancelText: '取消',
      okButtonProps: { danger: true },
      onOk: () => withdraw.mutateAsync(bid.id),
    });

  return (
    <div>
      <SupplierTenderHeader heading="投标" tender={tender.data} />
      <SupplierTenderActions tender={tender.data} onBidPage />
      <ProblemAlert error={bids.error ?? withdraw.error ?? reconfirm.error} />

      <Typography.Title level={2} style={{ fontSize: 18 }}>
        我的投标
      </Typography.Title>
      {bids.data && bids.data.length === 0 && <Typography.Paragraph>尚未递交投标。</Typography.Paragraph>}
      {bids.data && bids.data.length > 0 && (
        <Table<MyBid>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={bids.data}
          style={{ marginBottom: 16 }}
          columns={[
            {
              title: '投标编号',
              dataIndex: 'id',
              render: (id: string) => <span style={{ fontFamily: 'monospace' }}>{id}</span>,
            },
            {
              title: '状态',
              render: (_, bid) => (
                <Space wrap>
                  <Tag>{BID_STATUS_LABELS[bid.status]}</Tag>
                  {bid.current && <ToneTag tone="green">当前有效</ToneTag>}
                  {bid.needsReconfirmation && <ToneTag tone="orange">须重新确认</ToneTag>}
                </Space>
              ),
            },
            {
              title: '递交时间',
              render: (_, bid) => (bid.submittedAt ? showBeijing(bid.submittedAt) : '—'),
            },
            {
              title: '清单摘要',
              render: (_, bid) =>
                bid.receipt ? (
                  <span style={{ fontFamily: 'monospace' }}>{bid.receipt.manifestDigest.slice(0, 16)}…</span>
                ) : (
                  '—'
                ),
            },
            {
              title: '操作',
              render: (_, bid) => (
                <Space wrap>
                  {bid.needsReconfirmation && open && (
                    <Button size="small" type="primary" onClick={() => reconfirm.mutate(bid.id)}>
                      重新确认
                    </Button>
                  )}
                  {bid.current && bid.status === 'submitted' && open && (
                    <Button size="small" danger onClick={() => confirmWithdraw(bid)}>
                      撤回
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {current?.receipt && current.receipt.bidId !== receipt?.bidId && (
        <SupplierBidReceipt receipt={current.receipt} title="当前有效投标的回执" />
      )}

      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {receipt ? '本次递交' : sealing ? '加密与递交' : current ? '递交新投标（替换当前投标）' : '递交投标'}
      </Typography.Title>
      {!open && (
        <Alert
          type="warning"
          showIcon
          title="该项目已不接受投标"
          description="投标截止时间已到或项目不在招标中，不能再递交、修改或撤回投标（87号令第三十三条、第三十四条）。"
          style={{ marginBottom: 16 }}
        />
      )}
      {open && !sealing && (
        <Card variant="outlined" style={{ marginBottom: 16 }}>
          {current && (
            <Alert
              type="info"
              showIcon
              title="递交新投标后，当前投标将被替换"
              description="截止前以最后一次递交的投标为准；新投标会生成新的投标密钥文件。"
              style={{ marginBottom: 16 }}
            />
          )}
          <Form form={form} layout="vertical">
            <Form.Item
              label="投标文件"
              required
              extra={
                <SupplierHint>
                  可选多个文件；文件在本浏览器中加密后才上传，每个文件加密后不超过 200 MB，最多 20 个。
                </SupplierHint>
              }
            >
              <Upload
                multiple
                showUploadList={false}
                beforeUpload={(file) => {
                  setFiles((list) => [...list, file]);
                  setFileProblems([]);
                  return false;
                }}
              >
                <Button>选择文件</Button>
              </Upload>
            </Form.Item>
            {files.length > 0 && (
              <ul aria-label="已选择的投标文件" style={ROW_LIST}>
                {files.map((file, index) => (
                  <li key={`${file.name}-${file.size}-${file.lastModified}`} style={ROW}>
                    <span style={{ wordBreak: 'break-all', flex: 1 }}>
                      {file.name}（{showBytes(file.size)}）
                    </span>
                    <Button
                      size="small"
                      type="link"
                      aria-label={`移除 ${file.name}`}
                      onClick={() => setFiles((list) => list.filter((_, i) => i !== index))}
                    >
                      移除
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            {fileProblems.length > 0 && (
              <Alert
                type="error"
                showIcon
                role="alert"
                title="这些文件不能递交"
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {fileProblems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                }
                style={{ marginBottom: 16 }}
              />
            )}
            <Form.Item
              label="投标报价（元）"
              name="price"
              extra={
                <SupplierHint>
                  {priceText && readYuan(priceText).ok
                    ? `即 ${showYuan((readYuan(priceText) as { fen: number }).fen)}`
                    : '报价在本浏览器中加密，开标解密前任何人（包括平台）都无法看到。'}
                </SupplierHint>
              }
              rules={amountRules('投标报价')}
            >
              <Input inputMode="decimal" placeholder="例如 3180000.00" style={{ maxWidth: 320 }} />
            </Form.Item>
          </Form>
          <ProblemAlert error={sealError} />
          <Button type="primary" loading={sealingBusy} onClick={() => void seal()}>
            生成投标密钥并加密
          </Button>
        </Card>
      )}

      {sealing && (
        <Card variant="outlined" style={{ marginBottom: 16 }}>
          <Alert
            type="warning"
            showIcon
            title="请妥善保存投标密钥文件"
            description={
              <div>
                投标密钥文件（{bidKeyFileName(sealing.keyFile)}
                ）已下载，本浏览器也保存了一份。开标时须用它解密投标；
                没有这个文件（或本浏览器保存的副本），投标将无法解密，按无效投标处理。
                任何人，包括平台，都无法找回或重新生成密钥。请把文件复制到安全的位置（如 U 盘）。
              </div>
            }
            style={{ marginBottom: 16 }}
          />
          <Space wrap style={{ marginBottom: 16 }}>
            <Button onClick={() => downloadJson(bidKeyFileName(sealing.keyFile), sealing.keyFile)}>
              {receipt ? '重新下载投标密钥文件（含投标编号）' : '再次下载投标密钥文件'}
            </Button>
            <Typography.Text>报价：{showYuan(sealing.keyFile.priceFen)}</Typography.Text>
          </Space>
          <ul aria-label="各文件的加密、上传与校验" style={ROW_LIST}>
            {sealing.rows.map((row) => (
              <li key={row.name} style={{ ...ROW, display: 'block' }}>
                <div style={{ marginBottom: 8, wordBreak: 'break-all' }}>
                  <Typography.Text strong>{row.name}</Typography.Text>（原文 {showBytes(row.plainSize)}，密文{' '}
                  {showBytes(row.sealedSize)}）
                </div>
                <Steps
                  size="small"
                  current={Math.min(row.done, 2)}
                  status={row.failed ? 'error' : row.done >= 3 ? 'finish' : 'process'}
                  items={[
                    { title: '加密', content: '已加密' },
                    {
                      title: '上传',
                      content: row.done >= 2 ? '已上传' : row.failed ? '上传失败' : `${row.percent}%`,
                    },
                    { title: '校验', content: row.done >= 3 ? '已校验' : '待校验' },
                  ]}
                />
                {row.done < 2 && (send.isPending || row.percent > 0) && (
                  <Progress percent={row.percent} size="small" aria-label={`${row.name} 上传进度`} />
                )}
              </li>
            ))}
          </ul>
          <ProblemAlert error={send.error} />
          {!receipt && (
            <Space orientation="vertical">
              <Checkbox checked={saved} onChange={(event) => setSaved(event.target.checked)}>
                我已妥善保存投标密钥文件
              </Checkbox>
              <Space wrap>
                <Button
                  type="primary"
                  disabled={!saved || !open}
                  loading={send.isPending}
                  onClick={() => send.mutate(sealing)}
                >
                  {send.isError ? '重试递交' : '递交投标'}
                </Button>
                <Button disabled={send.isPending} onClick={startOver}>
                  放弃并重新选择
                </Button>
              </Space>
            </Space>
          )}
        </Card>
      )}
      {receipt && (
        <>
          <Alert
            type="success"
            showIcon
            title="投标已递交，服务器已逐一校验密文"
            description="请核对并保存回执；开标时到“开标大厅”用投标密钥文件解密。"
            style={{ marginBottom: 16 }}
          />
          <SupplierBidReceipt receipt={receipt} />
          <Space wrap>
            <Button onClick={startOver}>递交新投标（替换）</Button>
          </Space>
        </>
      )}
    </div>
  );
}

/** The page inside the portal's readable greys (see SupplierContrast). */
export function BidPage() {
  return <BidPageContent />;
}
