import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Progress,
  Space,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { digestSha256Hex } from '../../../../domain/sealing';
import { Countdown } from '../../components/countdown';
import { ProblemAlert } from '../../components/problem-alert';
import { showFileSize } from '../../components/public-documents';
import { ToneTag } from '../../components/public-tags';
import { readYuan, showYuan } from '../../lib/money';
import { serverNow } from '../../lib/server-clock';
import { showBeijing, showBeijingDate } from '../../lib/time';
import {
  AWARD_KEYS,
  declareContractDocument,
  recordContract,
  type TenderResultView,
  uploadContractFile,
} from '../../services/purchaser-award';

/** The largest contract document the API accepts (200 MB). */
const MAX_SIZE = 200 * 1024 * 1024;

/** A picked file with its bytes and SHA-256, computed in the browser. */
interface PickedFile {
  name: string;
  size: number;
  bytes: Uint8Array<ArrayBuffer>;
  sha256: string;
}

/** The contract document once uploaded to its presigned slot. */
interface UploadedFile {
  id: string;
  fileName: string;
  sha256: string;
  size: number;
}

/** The form's values (the date as a dayjs for the DatePicker). */
interface ContractValues {
  amount: string;
  signedOn: Dayjs;
}

/**
 * 合同登记 (87号令第七十一条): the signed contract's file is hashed (SHA-256) in the browser and uploaded
 * to a presigned slot bound to that hash, with progress; then the contract is recorded with its amount
 * typed in 元 (read into exact 分) and its signing date. The server re-hashes the stored file.
 */
export function AwardContractForm({ tenderId, result }: { tenderId: string; result: TenderResultView }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ContractValues>();
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [pickProblem, setPickProblem] = useState<string | null>(null);
  const [hashing, setHashing] = useState(false);
  const [percent, setPercent] = useState(0);
  const [uploaded, setUploaded] = useState<UploadedFile | null>(null);
  const amountText = Form.useWatch('amount', form) ?? '';
  const reading = amountText.trim() ? readYuan(amountText.trim()) : null;
  const deal = result.award.dealAmountFen;

  const upload = useMutation({
    mutationFn: async (file: PickedFile): Promise<UploadedFile> => {
      setPercent(0);
      const declared = await declareContractDocument(tenderId, {
        fileName: file.name,
        sha256: file.sha256,
        size: file.size,
      });
      await uploadContractFile(declared.upload, file.bytes, setPercent);
      return { id: declared.documentId, fileName: file.name, sha256: file.sha256, size: file.size };
    },
    onSuccess: setUploaded,
  });
  const record = useMutation({
    mutationFn: (values: ContractValues) => {
      const amount = readYuan(values.amount.trim());
      if (!amount.ok) throw new Error(amount.message);
      if (!uploaded) throw new Error('请先上传合同文件');
      return recordContract(tenderId, {
        amountFen: amount.fen,
        signedOn: values.signedOn.format('YYYY-MM-DD'),
        document: uploaded,
      });
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: AWARD_KEYS.all }),
  });

  const pick = async (file: File) => {
    setPickProblem(null);
    setUploaded(null);
    upload.reset();
    if (file.size === 0 || file.size > MAX_SIZE) {
      setPicked(null);
      setPickProblem(`合同文件须为 1 字节至 200 MB（所选文件 ${showFileSize(file.size)}）`);
      return;
    }
    setHashing(true);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      setPicked({ name: file.name, size: file.size, bytes, sha256: await digestSha256Hex(bytes) });
    } catch (error) {
      setPicked(null);
      setPickProblem(`无法读取所选文件：${(error as Error).message}`);
    } finally {
      setHashing(false);
    }
  };

  return (
    <Card variant="outlined" style={{ marginBottom: 16 }} data-testid="contract-form">
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        合同登记
      </Typography.Title>
      <Typography.Paragraph>
        采购人应当自中标（成交）通知书发出之日起 30 日内签订合同，并在签订后 2
        个工作日内公告（87号令第七十一条；实施条例第五十条）。
      </Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 8 }}>
        <Descriptions.Item label="合同签订期限">{showBeijing(result.award.contractDueBy)}</Descriptions.Item>
        <Descriptions.Item label="距期限">
          <Countdown to={result.award.contractDueBy} doneText="已逾期，登记时将标记为逾期" />
        </Descriptions.Item>
      </Descriptions>

      <Typography.Title level={3} style={{ fontSize: 16 }}>
        第一步：上传已签订的合同文本
      </Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <Upload
          accept=".pdf,application/pdf"
          showUploadList={false}
          beforeUpload={(file) => {
            void pick(file);
            return false;
          }}
        >
          <Button disabled={upload.isPending}>{picked ? '重新选择合同文件' : '选择合同文件（PDF）'}</Button>
        </Upload>
        {picked && !uploaded && (
          <Button type="primary" loading={upload.isPending} onClick={() => upload.mutate(picked)}>
            上传合同文件
          </Button>
        )}
      </Space>
      {hashing && <div role="status">正在计算 SHA-256…</div>}
      {pickProblem && (
        <Alert type="error" showIcon role="alert" title="不能使用所选文件" description={pickProblem} />
      )}
      {picked && (
        <div data-testid="contract-file" style={{ marginBottom: 8 }}>
          <div style={{ overflowWrap: 'anywhere' }}>
            {picked.name}（{showFileSize(picked.size)}）
            {uploaded ? (
              <ToneTag tone="green">已上传，待登记</ToneTag>
            ) : (
              <ToneTag tone="grey">未上传</ToneTag>
            )}
          </div>
          <div>
            SHA-256（本浏览器计算）：
            <Typography.Text code copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
              {picked.sha256}
            </Typography.Text>
          </div>
          {(upload.isPending || (percent > 0 && !uploaded)) && (
            <Progress percent={percent} size="small" aria-label={`${picked.name} 上传进度`} />
          )}
        </div>
      )}
      <ProblemAlert error={upload.error} />

      <Typography.Title level={3} style={{ fontSize: 16 }}>
        第二步：登记合同
      </Typography.Title>
      <Form<ContractValues>
        form={form}
        layout="vertical"
        onFinish={(values) => record.mutate(values)}
        style={{ maxWidth: 480 }}
      >
        <Form.Item
          label="合同金额（元）"
          name="amount"
          rules={[
            { required: true, message: '请填写合同金额' },
            {
              validator: async (_rule, value: string | undefined) => {
                if (!value?.trim()) return;
                const read = readYuan(value.trim());
                if (!read.ok) throw new Error(read.message);
              },
            },
          ]}
          extra={
            <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>
              {reading?.ok ? `即 ${showYuan(reading.fen)}` : `成交金额 ${showYuan(deal)}`}
            </span>
          }
        >
          <Input inputMode="decimal" autoComplete="off" placeholder="例如 3180000.50" />
        </Form.Item>
        {reading?.ok && reading.fen !== deal && (
          <Alert
            type="warning"
            showIcon
            title="合同金额与成交金额不一致"
            description={`成交金额为 ${showYuan(deal)}。合同金额应与中标（成交）结果一致，确有差异的请核对合同文本。`}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form.Item
          label="合同签订日期"
          name="signedOn"
          rules={[{ required: true, message: '请选择合同签订日期' }]}
        >
          <DatePicker
            format="YYYY-MM-DD"
            style={{ width: '100%' }}
            disabledDate={(day) => day.isAfter(dayjs(showBeijingDate(serverNow())), 'day')}
          />
        </Form.Item>
        <ProblemAlert error={record.error} />
        <Button type="primary" htmlType="submit" loading={record.isPending} disabled={!uploaded}>
          登记合同并发布合同公告
        </Button>
        {!uploaded && (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            上传合同文件后才能登记。
          </Typography.Paragraph>
        )}
      </Form>
    </Card>
  );
}
