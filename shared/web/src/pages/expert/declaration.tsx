import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import {
  type DeclarationResultView,
  declareConflict,
  type EvaluationSessionView,
} from '../../services/expert';

/** The declaration as the member fills it in. */
interface DeclarationForm {
  conflict: 'none' | 'conflict';
  detail?: string;
}

/**
 * 回避声明: before seeing any price or document the member declares whether it has a conflict of
 * interest with a bidder (实施条例第九条); a conflict hands the seat to the first reserve.
 */
export function DeclarationSection({
  session,
  onRecused,
}: {
  session: EvaluationSessionView;
  onRecused: (result: DeclarationResultView) => void;
}) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DeclarationForm>();
  const choice = Form.useWatch('conflict', form);
  const [confirming, setConfirming] = useState<DeclarationForm | null>(null);
  const declare = useMutation({
    mutationFn: (values: DeclarationForm) =>
      declareConflict(
        session.tenderId,
        values.conflict === 'conflict'
          ? { conflict: true, detail: values.detail?.trim() ?? '' }
          : { conflict: false },
      ),
    onSuccess: (result) => {
      setConfirming(null);
      if (result.status === 'recused') {
        // The seat is gone: the session answers 404 from now on, so it is not asked again.
        queryClient.removeQueries({ queryKey: ['expert', 'session', session.tenderId] });
        void queryClient.invalidateQueries({ queryKey: ['expert', 'assignments'] });
        onRecused(result);
      } else {
        void queryClient.invalidateQueries({ queryKey: ['expert'] });
      }
    },
  });

  if (session.seat.status !== 'drawn') {
    return (
      <Alert
        type="success"
        showIcon
        title="您已声明与本项目投标人不存在利害关系"
        description="可以查看投标文件并评分。"
      />
    );
  }
  return (
    <div>
      <Typography.Paragraph>
        本项目的有效投标人：
        <strong>{session.bids.map((bid) => bid.supplierName).join('、') || '—'}</strong>。
        评审专家与投标人有下列情形之一的应当回避：参加采购活动前三年内与投标人存在劳动关系，或担任其董事、监事，或是其控股股东或实际控制人；与投标人的法定代表人或负责人有夫妻、直系血亲、三代以内旁系血亲或近姻亲关系；其他可能影响公正评审的关系（政府采购法实施条例第九条）。
      </Typography.Paragraph>
      <ProblemAlert error={declare.error} />
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        onFinish={(values) => {
          declare.reset();
          setConfirming(values);
        }}
      >
        <Form.Item
          label="回避声明"
          name="conflict"
          rules={[{ required: true, message: '请选择是否存在应当回避的情形' }]}
        >
          <Radio.Group>
            <Space orientation="vertical">
              <Radio value="none">本人与上述投标人不存在利害关系</Radio>
              <Radio value="conflict">本人存在应当回避的情形</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        {choice === 'conflict' && (
          <Form.Item
            label="情况说明"
            name="detail"
            rules={[
              { required: true, whitespace: true, message: '声明回避须说明情况' },
              { min: 2, message: '请至少写 2 个字' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit">
          提交回避声明
        </Button>
      </Form>
      <Modal
        open={confirming !== null}
        title={confirming?.conflict === 'conflict' ? '确认声明回避？' : '确认声明无利害关系？'}
        okText="确认提交"
        cancelText="返回修改"
        confirmLoading={declare.isPending}
        onOk={() => confirming && declare.mutate(confirming)}
        onCancel={() => setConfirming(null)}
      >
        <Typography.Paragraph>
          {confirming?.conflict === 'conflict'
            ? '提交后您的席位将由候补专家接替，您将退出本项目评审，且不能撤回（87号令第四十九条）。'
            : '提交后即可查看投标报价和投标文件；声明不能撤回，如实声明是评审专家的义务。'}
        </Typography.Paragraph>
        <ProblemAlert error={declare.error} />
      </Modal>
    </div>
  );
}
