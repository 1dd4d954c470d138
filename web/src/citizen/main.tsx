import "../shared/styles.css";
import { render } from "preact";
import { CitizenApp } from "./CitizenApp.tsx";

const root = document.getElementById("app");
if (root) render(<CitizenApp pathname={location.pathname} search={location.search} />, root);
