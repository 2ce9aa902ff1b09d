import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, InputNumber, Modal, Space } from 'antd';
import { ProblemAlert } from '../../components/problem-alert';
import { saveTarget } from '../../services/reports';

/** The form inside the dialog: one number, saved with putTarget. */
function TargetForm({
  year,
  current,
  onDone,
}: {
  year: number;
  current: number | undefined;
  onDone(): void;
}) {
  const [form] = Form.useForm<{ projects: number }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (projects: number) => saveTarget(year, projects),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['reports', 'trade', year] });
      message.success(`${saved.year}年目标已设为 ${saved.projects} 个项目`);
      onDone();
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={current === undefined ? {} : { projects: current }}
      onFinish={(values) => save.mutate(values.projects)}
    >
      <Form.Item
        name="projects"
        label={`${year}年目标项目数`}
        extra="目标完成率 = 已成交项目数 ÷ 目标项目数，由服务器按报表计算。"
        rules={[
          { required: true, message: '请填写目标项目数' },
          { type: 'integer', min: 1, max: 1_000_000, message: '目标项目数须为 1 至 1000000 的整数' },
        ]}
      >
        <InputNumber min={1} max={1_000_000} precision={0} step={1} style={{ width: '100%' }} suffix="个" />
      </Form.Item>
      <ProblemAlert error={save.error} />
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存目标
        </Button>
        <Button onClick={onDone}>取消</Button>
      </Space>
    </Form>
  );
}

/** The dialog in which centre staff set or change a year's target number of projects. */
export function TargetDialog({
  open,
  year,
  current,
  onClose,
}: {
  open: boolean;
  year: number;
  current: number | undefined;
  onClose(): void;
}) {
  return (
    <Modal open={open} title={`设定${year}年目标`} footer={null} onCancel={onClose} destroyOnHidden>
      <TargetForm year={year} current={current} onDone={onClose} />
    </Modal>
  );
}
