export default defineBackground(() => {
  // handlers are registered in ./handlers (store, capture, sync)
});
