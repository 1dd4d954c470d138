import { LocationProvider, Route, Router } from "preact-iso";
import { ConsoleRoot } from "./ConsoleRoot.tsx";
import { LoginPage } from "./pages/Login.tsx";
import { NotFoundDocument } from "./pages/NotFound.tsx";

// Only links inside the console are handled client-side; the public page, the platform
// landing and /api/docs load as ordinary documents.
const IN_APP = /^\/t\/\d{6}\/(?:login|console)(?:[/?#]|$)/;

export function App() {
  return (
    <LocationProvider scope={IN_APP}>
      <Router>
        <Route path="/t/:tenant/login" component={LoginPage} />
        <Route path="/t/:tenant/console" component={ConsoleRoot} />
        <Route path="/t/:tenant/console/*" component={ConsoleRoot} />
        <Route default component={NotFoundDocument} />
      </Router>
    </LocationProvider>
  );
}
