import type { NoticeView, PinnedProductCard } from '@app/contracts';

/** Published after commit; the api's notifier turns them into room messages. */
export interface LiveProductPinned {
  type: 'LiveProductPinned';
  card: PinnedProductCard;
}

export interface LiveProductUnpinned {
  type: 'LiveProductUnpinned';
  sessionId: string;
}

export interface NoticeCreated {
  type: 'NoticeCreated';
  userId: string;
  notice: NoticeView;
}
