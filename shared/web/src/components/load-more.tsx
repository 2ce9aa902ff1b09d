import { Button } from 'antd';

/** The part of an infinite query the button reads. */
interface PagedList {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** 加载更多 under a paged list, while the API says there is a next page. */
export function LoadMore({ list }: { list: PagedList }) {
  if (!list.hasNextPage) return null;
  return (
    <Button
      loading={list.isFetchingNextPage}
      onClick={() => void list.fetchNextPage()}
      style={{ marginTop: 12 }}
    >
      加载更多
    </Button>
  );
}
