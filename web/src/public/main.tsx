import "../shared/styles.css";
import { render } from "preact";
import { PublicLanding } from "./PublicLanding.tsx";

const root = document.getElementById("app");
if (root) render(<PublicLanding pathname={location.pathname} />, root);
