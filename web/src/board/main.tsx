import { render } from "preact";
import { Board, boardTarget } from "./Board.tsx";

const root = document.getElementById("app");
if (root) render(<Board target={boardTarget(location.pathname, location.search)} />, root);
