import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { generateNonce, reserveCommitment } from '../../../../domain/sealing';
import { RESERVE_FILE_FORMAT, type ReserveFile, ReserveFileSchema } from '../../../../schemas/reserve-file';
import { ProblemAlert } from '../../components/problem-alert';
import { SupplierHint as Hint } from '../../components/supplier-hint';
import { auctionKey } from '../../lib/live';
import { readYuan, showYuan } from '../../lib/money';
import { saveBlob } from '../../lib/save-file';
import { type OwnTender, updateTender } from '../../services/purchaser';
import { revealReserve } from '../../services/transfers';

/** The reserve file's name: the tender's number, so several transfers' files stay apart. */
function reserveFileName(tenderId: string): string {
  return `底价文件-${tenderId}.json`;
}

/**
 * 密封底价 on a draft: the reserve is typed here, a commitment to it computed in this browser with a
 * fresh nonce, the reserve file saved, and only the commitment sent (福建网上交易规则第三十二条: the
 * reserve is set before the listing and cannot change; nobody learns it before the end).
 */
export function ReserveSealCard({ tender, etag }: { tender: OwnTender; etag: string | null }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [typed, setTyped] = useState('');
  const transfer = tender.content.transfer;
  const seal = useMutation({
    mutationFn: async () => {
      if (!transfer) throw new Error('本项目没有出让条件');
      const reading = readYuan(typed);
      if (!reading.ok) throw new Error(reading.message);
      const nonce = generateNonce();
      const commitment = await reserveCommitment({
        tenderId: tender.id,
        reservePriceFen: reading.fen,
        nonce,
      });
      const file: ReserveFile = {
        format: RESERVE_FILE_FORMAT,
        tenderId: tender.id,
        reservePriceFen: reading.fen,
        nonce,
        commitment,
        createdAt: new Date().toISOString(),
      };
      // The file first: a commitment the server keeps without its file could never be opened
      saveBlob(
        new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }),
        reserveFileName(tender.id),
      );
      return updateTender(
        tender.id,
        { transfer: { ...transfer, reserveCommitment: commitment } },
        etag ?? `"v${tender.version}"`,
      );
    },
    onSuccess: (saved) => {
      setTyped('');
      queryClient.setQueryData(['purchaser', 'tender', tender.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['purchaser'] });
      void message.success('底价已密封，底价文件已下载，请妥善保管');
    },
  });
  if (!transfer) return null;
  const reading = typed ? readYuan(typed) : null;
  const low = reading?.ok && reading.fen < transfer.startPriceFen;
  return (
    <div>
      {transfer.reserveCommitment ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title="底价已密封"
          description={`承诺 ${transfer.reserveCommitment}。挂牌起始时公布该承诺，竞价结束后凭底价文件公开底价；发布前可重新密封（旧的底价文件作废）。`}
        />
      ) : (
        <Typography.Paragraph>
          未设底价时，最高报价不低于起始价即成交。设底价的，请在发布前密封：底价只在本浏览器中使用，平台只保存它的承诺（SHA-256），
          任何人（包括交易中心和数据库管理员）在竞价结束前都无法知道底价。
        </Typography.Paragraph>
      )}
      <Space wrap align="start">
        <Input
          aria-label="底价（元）"
          placeholder="底价（元）"
          inputMode="decimal"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          status={reading && !reading.ok ? 'error' : ''}
          style={{ width: 240 }}
        />
        <Button type="primary" disabled={!reading?.ok} loading={seal.isPending} onClick={() => seal.mutate()}>
          密封底价并下载底价文件
        </Button>
      </Space>
      <div style={{ marginTop: 4 }}>
        {reading && !reading.ok ? (
          <Typography.Text type="danger">{reading.message}</Typography.Text>
        ) : reading?.ok ? (
          <Hint>
            即 {showYuan(reading.fen)}
            {low ? '（低于起始价：最高报价不低于起始价即可成交，底价不起作用）' : ''}
          </Hint>
        ) : null}
      </div>
      <ProblemAlert error={seal.error} />
    </div>
  );
}

/**
 * 公开底价 after bidding ends: the transferor chooses its reserve file; the page checks that it is this
 * tender's and opens the published commitment before sending it; the server checks it again and decides
 * 成交 or 流拍 (国土资源部令第39号第二十条; 福建网上交易规则第四十二条).
 */
export function ReserveRevealCard({ tender }: { tender: OwnTender }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [file, setFile] = useState<ReserveFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const published = tender.content.transfer?.reserveCommitment;
  const reveal = useMutation({
    mutationFn: (chosen: ReserveFile) =>
      revealReserve(tender.id, { reservePriceFen: chosen.reservePriceFen, nonce: chosen.nonce }),
    onSuccess: () => {
      void message.success('底价已公开');
      void queryClient.invalidateQueries({ queryKey: ['purchaser'] });
      void queryClient.invalidateQueries({ queryKey: auctionKey(tender.id) });
    },
  });
  const choose = async (picked: File | undefined) => {
    setFile(null);
    setFileError(null);
    if (!picked) return;
    try {
      const parsed = ReserveFileSchema.safeParse(JSON.parse(await picked.text()));
      if (!parsed.success) throw new Error('这不是底价文件');
      if (parsed.data.tenderId !== tender.id) throw new Error(`这是项目 ${parsed.data.tenderId} 的底价文件`);
      const opened = await reserveCommitment({
        tenderId: tender.id,
        reservePriceFen: parsed.data.reservePriceFen,
        nonce: parsed.data.nonce,
      });
      if (opened !== published)
        throw new Error('文件中的底价与挂牌时公布的承诺不符（可能是重新密封前的旧文件）');
      setFile(parsed.data);
    } catch (error) {
      setFileError(error instanceof SyntaxError ? '文件不是有效的 JSON' : (error as Error).message);
    }
  };
  if (!published) return null;
  return (
    <div>
      <Typography.Paragraph>
        竞价已结束。请选择密封底价时下载的底价文件：本页先核对它与挂牌时公布的承诺一致，再公开底价；最高报价不低于底价即成交，否则流拍。
      </Typography.Paragraph>
      <input
        type="file"
        accept="application/json,.json"
        aria-label="选择底价文件"
        onChange={(event) => void choose(event.target.files?.[0])}
      />
      {fileError && <Alert type="error" showIcon style={{ marginTop: 8 }} title={fileError} />}
      {file && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 8 }}
          title={`底价 ${showYuan(file.reservePriceFen)}，与公布的承诺一致`}
          action={
            <Button type="primary" loading={reveal.isPending} onClick={() => reveal.mutate(file)}>
              公开底价
            </Button>
          }
        />
      )}
      <ProblemAlert error={reveal.error} />
    </div>
  );
}
