import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LinkButton } from '../../components/link-button';
import { LoadMore } from '../../components/load-more';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { PublicRows } from '../../components/public-rows';
import {
  EXPERT_STATUS_LABELS,
  type ExpertFilters,
  type ExpertStatus,
  type ExpertView,
  listExperts,
} from '../../services/centre';
import { ExpertForm } from './expert-form';
import { ExpertStatusTag } from './expert-status-tag';

/** The filter keys the page keeps in its address. */
const FILTER_KEYS = ['specialty', 'region', 'status'] as const;

/** Reads the filters from the address, so a filtered list can be bookmarked and shared. */
function filtersFrom(params: URLSearchParams): ExpertFilters {
  const status = params.get('status');
  return {
    specialty: params.get('specialty') ?? undefined,
    region: params.get('region') ?? undefined,
    status: status && status in EXPERT_STATUS_LABELS ? (status as ExpertStatus) : undefined,
  };
}

/** The filter bar: exact specialty and region, and the standing in the pool. */
function ExpertFilterBar({
  filters,
  onApply,
}: {
  filters: ExpertFilters;
  onApply: (next: ExpertFilters) => void;
}) {
  const [form] = Form.useForm<ExpertFilters>();
  return (
    <Card variant="outlined" size="small" style={{ marginBottom: 16 }}>
      <Form<ExpertFilters>
        form={form}
        name="expert-filter"
        layout="vertical"
        initialValues={filters}
        onFinish={(values) => onApply(values)}
        aria-label="筛选专家"
      >
        <Row gutter={16} align="bottom">
          <Col xs={24} sm={12} md={7}>
            <Form.Item label="专业" name="specialty" style={{ marginBottom: 12 }}>
              <Input placeholder="完整专业名称，如 A02-通用设备" allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item label="地区" name="region" style={{ marginBottom: 12 }}>
              <Input placeholder="如 广元市" allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={5}>
            <Form.Item label="状态" name="status" style={{ marginBottom: 12 }}>
              <Select
                allowClear
                placeholder="全部"
                options={Object.entries(EXPERT_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Space style={{ marginBottom: 12 }}>
              <Button type="primary" htmlType="submit">
                查询
              </Button>
              <Button
                onClick={() => {
                  form.setFieldsValue({ specialty: undefined, region: undefined, status: undefined });
                  onApply({});
                }}
              >
                重置
              </Button>
            </Space>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}

/** 专家库: the pool, filtered by specialty, region and status; add an expert with recusal relations. */
export function ExpertPoolPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<ExpertView | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['centre', 'experts', filters],
    queryFn: ({ pageParam, signal }) => listExperts(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const knownSpecialties = [...new Set(items.flatMap((e) => e.specialties))].sort();

  const apply = (next: ExpertFilters) => {
    const search = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = next[key]?.trim();
      if (value) search.set(key, value);
    }
    setParams(search);
  };

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        专家库
      </Typography.Title>
      <Typography.Paragraph>
        评审专家从本库随机抽取（87号令第四十七条、第四十八条）；暂停业务和淘汰出库的专家、与采购人或投标人有关联的专家不会被抽中。
      </Typography.Paragraph>
      {added && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setAdded(null)}
          title={
            <span>
              已添加专家 <Link to={`/centre/experts/${added.id}`}>{added.name}</Link>
            </span>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {adding ? (
        <ExpertForm
          knownSpecialties={knownSpecialties}
          onDone={(saved) => {
            setAdding(false);
            setAdded(saved);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <Button type="primary" onClick={() => setAdding(true)} style={{ marginBottom: 16 }}>
          添加专家
        </Button>
      )}

      <Typography.Title level={2} style={{ fontSize: 18 }}>
        专家名单
      </Typography.Title>
      <ExpertFilterBar key={params.toString()} filters={filters} onApply={apply} />
      <ProblemAlert error={list.error} />
      {list.isPending ? (
        <PageLoading />
      ) : (
        <PublicRows
          items={items}
          rowKey={(expert) => expert.id}
          label="专家名单"
          empty={
            Object.values(filters).some(Boolean)
              ? '没有符合条件的专家，请调整筛选条件。'
              : '专家库中还没有专家。'
          }
          render={(expert) => ({
            title: (
              <Space wrap size={4}>
                <Link to={`/centre/experts/${expert.id}`}>{expert.name}</Link>
                <ExpertStatusTag expert={expert} />
              </Space>
            ),
            facts: [
              `专业：${expert.specialties.join('、')}`,
              `地区：${expert.region}`,
              `工作单位：${expert.employerOrgId}`,
              `回避关系：${expert.relations.length > 0 ? `${expert.relations.length} 项` : '无'}`,
            ],
            aside: (
              <LinkButton to={`/centre/experts/${expert.id}`} aria-label={`查看 / 编辑 ${expert.name}`}>
                查看 / 编辑
              </LinkButton>
            ),
          })}
        />
      )}
      <LoadMore list={list} />
    </div>
  );
}
