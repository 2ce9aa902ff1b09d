import { Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import { LandParcelSchema, MiningBlockSchema } from '../../../../schemas/transfer';
import { AmountHint } from '../../components/amount-hint';
import { SupplierHint as Hint } from '../../components/supplier-hint';
import { amountRules, ruleFrom } from '../../lib/form-rules';
import type { TransferFormValues } from './draft-form';
import { readCoordinates } from './draft-form';

const land = LandParcelSchema.shape;
const mining = MiningBlockSchema.shape;

/**
 * 出让条件: the parcel (宗地) or the mining block (矿区), the start price, the increment and the deposit,
 * as the transfer notice publishes them (国土资源部令第39号第十七条). The reserve is not typed here: it is
 * sealed on the draft's page, in this browser, and only its commitment is sent.
 */
export function TransferFields({
  tradeType,
  values,
}: {
  tradeType: 'landUseRights' | 'miningRights';
  values: TransferFormValues | undefined;
}) {
  const name = (field: keyof TransferFormValues) => ['transfer', field];
  const points = readCoordinates(values?.coordinates).length;
  return (
    <section aria-label="出让条件">
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        出让条件（出让公告）
      </Typography.Title>
      {tradeType === 'landUseRights' ? (
        <>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                label="宗地编号"
                name={name('parcelNo')}
                rules={[
                  { required: true, message: '请填写宗地编号' },
                  ruleFrom(land.parcelNo, '宗地编号无效'),
                ]}
              >
                <Input placeholder="例如 2027-G-03" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label="土地用途"
                name={name('use')}
                rules={[
                  { required: true, message: '请填写土地用途' },
                  ruleFrom(land.use, '用途须为 2–100 个字'),
                ]}
              >
                <Input placeholder="例如 城镇住宅用地" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                label="面积（平方米）"
                name={name('areaSquareMetres')}
                rules={[{ required: true, message: '请填写面积' }]}
              >
                <InputNumber min={0.01} step={0.01} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                label="使用年期（年）"
                name={name('termYears')}
                rules={[{ required: true, message: '请填写年期' }]}
              >
                <InputNumber min={1} max={70} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label="宗地位置（四至）"
            name={name('location')}
            rules={[
              { required: true, message: '请填写宗地位置' },
              ruleFrom(land.location, '位置须为 2–300 个字'),
            ]}
          >
            <Input placeholder="例如 区东片区 A-03 地块，东至规划路，南至滨河路" />
          </Form.Item>
          <Form.Item
            label="规划指标要求"
            name={name('planning')}
            rules={[ruleFrom(land.planning, '不超过 1000 字')]}
          >
            <Input.TextArea rows={2} placeholder="容积率、建筑密度、绿地率等" />
          </Form.Item>
        </>
      ) : (
        <>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item
                label="矿区名称"
                name={name('blockName')}
                rules={[
                  { required: true, message: '请填写矿区名称' },
                  ruleFrom(mining.blockName, '名称须为 2–200 个字'),
                ]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                label="矿种"
                name={name('mineral')}
                rules={[{ required: true, message: '请填写矿种' }, ruleFrom(mining.mineral, '矿种无效')]}
              >
                <Input placeholder="例如 建筑用花岗岩" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                label="面积（平方千米）"
                name={name('areaSquareKilometres')}
                rules={[{ required: true, message: '请填写面积' }]}
              >
                <InputNumber min={0.0001} step={0.0001} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                label="出让年限（年）"
                name={name('termYears')}
                rules={[{ required: true, message: '请填写年限' }]}
              >
                <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label="拐点坐标（2000国家大地坐标系，每行一个：X, Y）"
            name={name('coordinates')}
            extra={<Hint>已识别 {points} 个拐点，至少 3 个</Hint>}
            rules={[
              {
                validator: async (_rule, value: string | undefined) => {
                  if (readCoordinates(value).length < 3) throw new Error('至少填写 3 个拐点坐标');
                },
              },
            ]}
          >
            <Input.TextArea rows={4} placeholder={'3012345.12, 40512345.34\n3012400.00, 40512500.00\n…'} />
          </Form.Item>
        </>
      )}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            label="起始价（元）"
            name={name('startPriceYuan')}
            rules={amountRules('起始价')}
            extra={<AmountHint text={values?.startPriceYuan} fallback={'首次报价不得低于起始价'} />}
          >
            <Input inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label="增价幅度（元）"
            name={name('incrementYuan')}
            rules={amountRules('增价幅度')}
            extra={
              <AmountHint text={values?.incrementYuan} fallback={'每次报价至少比当前最高价高出的金额'} />
            }
          >
            <Input inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label="竞买保证金（元）"
            name={name('depositYuan')}
            rules={amountRules('竞买保证金')}
            extra={
              <AmountHint text={values?.depositYuan} fallback={'竞得人的保证金抵作价款，其他人的按期退还'} />
            }
          >
            <Input inputMode="decimal" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={name('reserveCommitment')} hidden>
        <Input />
      </Form.Item>
      <Typography.Paragraph>
        <Hint>
          {values?.reserveCommitment
            ? '底价已密封（只保存了承诺）。'
            : '底价：保存草稿后，在项目页面密封底价（在本浏览器中计算承诺并下载底价文件，底价本身不上传）；不设底价也可以发布。'}
          限时竞价的转入时段、准备时间和倒计时按交易中心规则表执行。
        </Hint>
      </Typography.Paragraph>
    </section>
  );
}
