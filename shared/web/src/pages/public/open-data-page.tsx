import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import { OCDS_RELEASES_PATH, OPENAPI_PATH } from '../../services/public';

/** A block of example text, wrapped so a phone does not scroll sideways. */
function Example({ children }: { children: string }) {
  return (
    <pre
      style={{
        background: '#f5f5f5',
        padding: 12,
        borderRadius: 6,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
        fontSize: 13,
      }}
    >
      {children}
    </pre>
  );
}

/**
 * 开放数据: what the OCDS 1.1 release packages hold, where the feed and the OpenAPI document are,
 * and how to fetch one tender's package.
 */
export function OpenDataPage() {
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        开放数据
      </Typography.Title>
      <Typography.Paragraph>
        平台按开放合同数据标准（Open Contracting Data Standard，OCDS）1.1
        公开每个项目的采购数据，无需登录，可供社会公众、媒体和研究者下载、核对和再利用。
      </Typography.Paragraph>

      <Card variant="outlined" style={{ marginBottom: 16 }}>
        <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
          发布包包含什么
        </Typography.Title>
        <Typography.Paragraph>
          每当项目的公开状态发生变化（发布采购公告、更正、开标、确定成交供应商、登记合同、终止等），平台生成一条
          OCDS“发布”（release）。若干条发布装在一个“发布包”（release package）中，JSON
          格式，包含发布者、发布时间和 OCDS
          版本号；每条发布带有项目编号（ocid）、采购单位、标的、预算、时间安排、采购文件及其
          SHA-256、成交结果和合同。
        </Typography.Paragraph>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          金额以“元”为单位、币种为人民币（CNY），时间为带时区的 ISO 8601 格式。
        </Typography.Paragraph>
      </Card>

      <Card variant="outlined" style={{ marginBottom: 16 }}>
        <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
          数据接口
        </Typography.Title>
        <ul style={{ paddingInlineStart: 20 }}>
          <li>
            最新发布（全平台，按时间倒序，分页）：<a href={OCDS_RELEASES_PATH}>{OCDS_RELEASES_PATH}</a>
            。响应中的下一页地址可继续翻页。
          </li>
          <li>
            单个项目的发布包：<code>/api/ocds/tenders/项目编号</code>。项目编号见
            <Link to="/tenders">项目信息</Link>页面，每个项目详情页底部也有该项目的链接。
          </li>
          <li>
            接口文档（OpenAPI 3.1）：<a href={OPENAPI_PATH}>{OPENAPI_PATH}</a>
            ，列出全部公开接口及其参数和数据结构。
          </li>
        </ul>
      </Card>

      <Card variant="outlined">
        <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
          如何获取一个项目的数据
        </Typography.Title>
        <Typography.Paragraph>
          在浏览器中直接打开上面的地址，或用命令行下载（把“项目编号”换成实际编号）：
        </Typography.Paragraph>
        <Example>{`curl -H "Accept: application/json" ${origin}/api/ocds/tenders/项目编号 -o 项目编号.json`}</Example>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          下载采购文件后，可用 <code>sha256sum 文件名</code>（Windows：
          <code>certutil -hashfile 文件名 SHA256</code>） 计算哈希，与发布包和项目详情页公布的 SHA-256
          比对；项目详情页的“下载并校验”按钮会在浏览器中自动完成这一步。
        </Typography.Paragraph>
      </Card>
    </>
  );
}
