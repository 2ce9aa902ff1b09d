import { Result } from 'antd';
import { LinkButton } from '../components/link-button';

/** Any address the portal does not have. */
export function NotFoundPage() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的地址不存在，可能已被移动或输入有误。"
      extra={
        <LinkButton type="primary" to="/">
          返回交易公告
        </LinkButton>
      }
    />
  );
}
