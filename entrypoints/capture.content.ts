export default defineContentScript({
  registration: 'runtime',
  main() {
    return { url: location.href };
  },
});
