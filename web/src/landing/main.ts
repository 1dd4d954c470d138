import "../shared/styles.css";
import { isCountyCode, publicPath } from "../shared/tenant.ts";

// The landing page is static HTML; plain DOM keeps it free of any framework download.
const form = document.querySelector<HTMLFormElement>("#county-form");
const input = document.querySelector<HTMLInputElement>("#county-code");
const error = document.querySelector<HTMLElement>("#county-code-error");

if (form && input && error) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    // Full-width digits are common from Chinese IMEs; fold them to ASCII before checking.
    const code = input.value
      .trim()
      .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
    if (!isCountyCode(code)) {
      error.textContent = "请输入 6 位数字的县级行政区划代码，例如 431224。";
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", "county-code-hint county-code-error");
      input.focus();
      return;
    }
    error.hidden = true;
    input.removeAttribute("aria-invalid");
    input.setAttribute("aria-describedby", "county-code-hint");
    location.assign(publicPath(code));
  });
}
