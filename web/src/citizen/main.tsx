import "../shared/styles.css";
import { render } from "preact";
import { CitizenApp } from "./CitizenApp.tsx";

const root = document.getElementById("app");
// The display board has its own entry (board.html); should the Worker serve this page for
// the board's address, the board loads on demand, leaving the citizens' pages as light.
const BOARD = /^\/t\/\d{6}\/reception\/board\/[^/]+\/?$/;
if (root && BOARD.test(location.pathname)) {
  void import("../board/Board.tsx").then(({ Board, boardTarget }) => {
    document.body.classList.add("board-page");
    render(<Board target={boardTarget(location.pathname, location.search)} />, root);
  });
} else if (root) {
  render(<CitizenApp pathname={location.pathname} search={location.search} />, root);
}
