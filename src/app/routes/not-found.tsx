export function NotFound() {
  return (
    <section class="empty">
      <h1>Không tìm thấy trang này</h1>
      <p>Đường dẫn có thể đã sai hoặc trang không còn nữa.</p>
      <p>
        <a href="/">Về trang tin mới</a>
      </p>
    </section>
  );
}
