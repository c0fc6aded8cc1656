export * from './Notice';
export * from './NoticeStore';
export * from './SubscriberStore';
export * from './NoticeStoreError';
export * from './labels';
export * from './NoticeClosedError';
