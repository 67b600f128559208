import { useSyncExternalStore } from 'react';
import { useController } from '../app/AppContext';
import { useAppState } from '../app/useAppState';
import { type UploadController, type UploadState, uploadControllerOf } from './upload-controller';
import { type UploadWords, uploadUiWords } from './words';

export function useUploadController(): UploadController {
  return uploadControllerOf(useController());
}

/** A slice of the upload state; the component re-renders only when that slice changes. */
export function useUpload<T>(select: (state: UploadState) => T): T {
  const upload = useUploadController();
  return useSyncExternalStore(upload.subscribe, () => select(upload.getState()));
}

export function useUploadWords(): UploadWords {
  const locale = useAppState((s) => s.locale);
  return uploadUiWords(locale);
}
