import type { UseMutationResult } from '@tanstack/react-query';
import { Modal } from 'antd';
import type { ReactNode } from 'react';
import { ProblemAlert } from './problem-alert';

/**
 * The confirmation before a form's values go out for good (a challenge letter, an answer): what
 * will happen in `children`, the action's own word on the button, and the server's refusal shown
 * in place so nothing typed is lost.
 */
export function ConfirmSend<T>({
  value,
  title,
  action,
  send,
  onClose,
  children,
}: {
  /** The values waiting for confirmation; the dialog is open while set. */
  value: T | null;
  title: string;
  /** The button's word, the same as the form's. */
  action: string;
  send: UseMutationResult<unknown, Error, T>;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Modal
      open={value !== null}
      title={title}
      okText={action}
      cancelText="再看看"
      confirmLoading={send.isPending}
      onOk={() => value !== null && send.mutate(value)}
      onCancel={() => {
        onClose();
        send.reset();
      }}
    >
      {children}
      <ProblemAlert error={send.error} />
    </Modal>
  );
}
