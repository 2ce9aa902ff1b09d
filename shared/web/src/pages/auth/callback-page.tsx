import { Result } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { LinkButton } from '../../components/link-button';
import { PageLoading } from '../../components/page-loading';
import { describeProblem } from '../../components/problem-alert';
import { useSession } from '../../lib/session';

/** Where the hosted sign-in returns: exchanges the code (PKCE) for tokens, then goes on. */
export function CallbackPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    session
      .completeHosted()
      .then((to) => navigate(to.startsWith('/') && !to.startsWith('//') ? to : '/', { replace: true }))
      .catch(setError);
  }, [session, navigate]);
  if (!error) return <PageLoading label="正在完成登录…" />;
  return (
    <Result
      status="error"
      title="登录未完成"
      subTitle={describeProblem(error).detail}
      extra={
        <LinkButton type="primary" to="/login">
          重新登录
        </LinkButton>
      }
    />
  );
}
